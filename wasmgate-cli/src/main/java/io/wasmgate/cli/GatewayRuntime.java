package io.wasmgate.cli;

import io.wasmgate.admin.AdminServer;
import io.wasmgate.admin.ConfigDumpSection;
import io.wasmgate.admin.ServerState;
import io.wasmgate.host.GatewayServices;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.VmLimits;
import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.AsyncAccessLog;
import io.wasmgate.observability.LogLevels;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.lifecycle.PluginManager;
import io.wasmgate.plugin.lifecycle.StatsPluginMetrics;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.plugin.EnginePolicy;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: stats, access log, plugin lifecycle, data plane and admin server, wired in
 * dependency order and closed in reverse. The only place that knows every module.
 */
final class GatewayRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.wasmgate.cli.main");
  static final Path DEFAULT_PLUGINS_DIR = Path.of("plugins.d");

  private final StatsStore stats = new StatsStore();
  private final AtomicReference<ServerState> state =
      new AtomicReference<>(ServerState.PRE_INITIALIZING);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private AccessLog accessLog = AccessLog.DISABLED;
  private PluginManager plugins;
  private GatewayServer server;
  private AdminServer admin;

  static GatewayRuntime start(GatewayConfig config, EnginePolicy engine) throws Exception {
    GatewayRuntime runtime = new GatewayRuntime();
    try {
      runtime.startAll(config, engine);
      return runtime;
    } catch (Exception e) {
      runtime.close();
      throw e;
    }
  }

  private void startAll(GatewayConfig config, EnginePolicy engine) throws Exception {
    state.set(ServerState.INITIALIZING);
    warnWithoutHugeMethodJit();
    int workers = config.effectiveWorkers();
    AsyncAccessLog log =
        config.accessLogPath() == null || "/dev/stdout".equals(config.accessLogPath())
            ? AsyncAccessLog.toStdout(stats)
            : AsyncAccessLog.toFile(Path.of(config.accessLogPath()), stats);
    accessLog = log;
    Path pluginsDir = config.pluginsDir() == null ? DEFAULT_PLUGINS_DIR : config.pluginsDir();
    // The data plane is built first (its worker loops exist before it listens), so that every
    // plugin VM can be bound to its worker for timers, queue notifications and callouts; it asks
    // the plugin manager for chains only once listeners open.
    AtomicReference<PluginManager> manager = new AtomicReference<>();
    server =
        new GatewayServer(
            config,
            port -> {
              PluginManager m = manager.get();
              return m == null ? FilterChain.EMPTY : m.chainFor(port);
            },
            stats,
            accessLog);
    HostServices services =
        new GatewayServices(
            new StatsPluginMetrics(stats),
            NodeIdentity.of(config.labels()),
            server.workerExecutors(),
            server.httpCalls(),
            server.grpcCalls());
    RemoteModulesSetup remote = RemoteModulesSetup.of(config.remoteModules());
    plugins = new PluginManager(pluginsDir, config.labels(), workers, engine, stats, services, VmLimits.DEFAULT,
        remote.remoteModules());
    plugins.start();
    manager.set(plugins);
    server.start();
    admin =
        AdminServer.builder()
            .address(config.adminAddress().host(), config.adminAddress().port())
            .stats(stats)
            .logLevels(new LogLevels())
            .plugins(plugins)
            .readiness(state::get)
            .version(VersionProvider.version())
            .onQuit(this::requestStop)
            .configDump(ConfigDumpSection.of("bootstrap", () -> ConfigViews.bootstrap(config, engine, server.transport().displayName(), remote)))
            .configDump(ConfigDumpSection.of("listeners", () -> ConfigViews.listeners(config)))
            .configDump(ConfigDumpSection.of("clusters", () -> ConfigViews.clusters(config)))
            .build()
            .start();
    state.set(ServerState.LIVE);
    LOG.info(
        "wasmgate {} ready: listeners {}, admin 127.0.0.1:{}, {} workers, engine {}",
        VersionProvider.version(),
        server.boundAddresses(),
        admin.port(),
        workers,
        engine.label());
  }

  /** Go plugins run ~3x slower when HotSpot may not JIT Chicory's huge generated methods. */
  private static void warnWithoutHugeMethodJit() {
    boolean set =
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(a -> a.equals("-XX:-DontCompileHugeMethods"));
    if (!set) {
      LOG.warn(
          "the JVM runs without -XX:-DontCompileHugeMethods: large plugin functions will stay"
              + " interpreted by HotSpot (bin/wasmgate sets it)");
    }
  }

  int adminPort() {
    return admin.port();
  }

  /** The port of one data-plane listener (the only one in a quick configuration). */
  int firstListenerPort() {
    return server.boundAddresses().values().iterator().next().getPort();
  }

  /** Blocks until /quitquitquit or {@link #close()}. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void requestStop() {
    close();
  }

  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    state.set(ServerState.DRAINING);
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
    if (plugins != null) {
      plugins.close();
    }
    if (accessLog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing the access log: {}", e.getMessage());
      }
    }
    stopped.countDown();
  }
}
