package io.wasmgate.conformance;

import io.wasmgate.proxy.it.GrpcTestServer;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway per engine for a test class, started on first use with the class's plugin applied
 * once (a Go plugin takes seconds to compile and start, so tests share it), and closed after the
 * class: {@code @RegisterExtension static final Gateways GATEWAYS = new Gateways("go", Plugins.GO);}.
 * Everything the plugins log meanwhile is in {@link #log()}.
 */
final class Gateways implements AfterAllCallback {
  private final Map<EngineKind, ConformanceGateway> running = new EnumMap<>(EngineKind.class);
  private final WasmLog log = new WasmLog();
  private final String pluginName;
  private final Path module;
  private final String[] specLines;
  private int grpcPort;

  Gateways(String pluginName, Path module, String... specLines) {
    this.pluginName = pluginName;
    this.module = module;
    this.specLines = specLines;
  }

  /** Gives the gateways a cluster {@code grpc} served by {@code server}. */
  Gateways withGrpcCluster(GrpcTestServer server) {
    grpcPort = server.port();
    return this;
  }

  synchronized ConformanceGateway on(EngineKind engine) {
    return running.computeIfAbsent(engine, e -> {
      ConformanceGateway gateway = ConformanceGateway.start(e, grpcPort);
      try {
        gateway.apply(pluginName, module, specLines);
      } catch (Exception failure) {
        gateway.close();
        throw new IllegalStateException("cannot apply " + module + " on " + e, failure);
      }
      return gateway;
    });
  }

  /** "LEVEL wasm log default.&lt;plugin&gt;: message" lines, as Envoy prefixes them. */
  WasmLog log() {
    return log;
  }

  /** The prefix Envoy puts before a message of this class's plugin. */
  String logPrefix(String level) {
    return level + " wasm log default." + pluginName + ": ";
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    running.values().forEach(ConformanceGateway::close);
    running.clear();
    log.close();
  }
}
