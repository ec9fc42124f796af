package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.VmLimits;
import io.wasmgate.observability.StatName;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A started PluginManager over a temporary plugins directory, 2 workers, real host. */
abstract class ManagerFixture {
  static final Map<String, String> GATEWAY_LABELS = Map.of("istio", "ingressgateway");
  static final int WORKERS = 2;

  @TempDir Path dir;
  final StatsStore stats = new StatsStore();
  PluginManager manager;

  PluginManager start() throws Exception {
    return start(RemoteModules.defaults());
  }

  PluginManager start(RemoteModules remoteModules) throws Exception {
    return start(EngineKind.INTERPRETER, remoteModules);
  }

  PluginManager start(EngineKind engine, RemoteModules remoteModules) throws Exception {
    manager = new PluginManager(dir, GATEWAY_LABELS, WORKERS, engine, stats, HostServices.NONE,
        VmLimits.DEFAULT, remoteModules);
    manager.start();
    return manager;
  }

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  TestStream request(int port, String... headers) {
    return new TestStream("/get", headers).run(manager.chainFor(port), 0);
  }

  PluginStatus status(String name) {
    return manager.plugins().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  long counter(String name, String plugin) {
    return stats.counters().getOrDefault(new StatName(name, new TreeMap<>(Map.of("plugin", plugin))), 0L);
  }

  long counter(String name) {
    return stats.counters().getOrDefault(new StatName(name, new TreeMap<>()), 0L);
  }

  long gauge(String name, String plugin) {
    return stats.gauges().getOrDefault(new StatName(name, new TreeMap<>(Map.of("plugin", plugin))), 0L);
  }
}
