package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.host.GatewayServices;
import io.wasmgate.observability.StatName;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.observability.StatsWriters;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timers, shared data and plugin metrics through the lifecycle: a PluginManager whose gateway
 * services know the workers' executors and count plugin metrics in the gateway's stats.
 */
class HostFeaturesLifecycleTest {
  private static final Path SHARED_STATE = Fixtures.PLUGINS.resolve("c/shared-state/plugin.wasm");
  private static final Path METRICS_FOREIGN = Fixtures.PLUGINS.resolve("c/metrics-foreign/plugin.wasm");

  @TempDir Path dir;
  private final StatsStore stats = new StatsStore();
  private final List<ScheduledExecutorService> workers =
      List.of(Executors.newSingleThreadScheduledExecutor(), Executors.newSingleThreadScheduledExecutor());
  private final GatewayServices services = new GatewayServices(new StatsPluginMetrics(stats), null, workers, null);
  private PluginManager manager;

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
    workers.forEach(ScheduledExecutorService::shutdownNow);
  }

  private void start(EngineKind engine, String yaml) throws Exception {
    Fixtures.write(dir, "plugin.yaml", yaml);
    manager = new PluginManager(dir, Map.of(), workers.size(), engine, stats, services);
    manager.start();
  }

  private long counter(String name) {
    return stats.counters().getOrDefault(new StatName(name, new TreeMap<>()), 0L);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void everyWorkersVmTicksIntoSharedData(EngineKind engine) throws Exception {
    start(engine, Fixtures.plugin("ticker", SHARED_STATE, "pluginConfig: {tick_ms: 10}"));

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      var ticks = services.sharedData().get("", "ticks");
      return ticks != null && Byte.toUnsignedInt(ticks.value()[0]) >= 6;
    });
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void pluginMetricsAreGatewayStatsUnderWasmcustom(EngineKind engine) throws Exception {
    start(engine, Fixtures.plugin("metrics", METRICS_FOREIGN));

    new TestStream("/get").run(manager.chainFor(8080), 0);
    new TestStream("/get").run(manager.chainFor(8080), 1);

    assertThat(counter("wasmcustom.c_requests")).isEqualTo(2);
    assertThat(stats.gauges()).containsEntry(new StatName("wasmcustom.c_inflight", new TreeMap<>()), 6L);
    assertThat(stats.histograms().get(new StatName("wasmcustom.c_sizes", new TreeMap<>())).count()).isEqualTo(2);
    assertThat(StatsWriters.prometheus(stats, null))
        .contains("c_requests 2\n", "c_inflight 6\n", "c_sizes_count 2\n");
  }
}
