package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.host.GatewayServices;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.lifecycle.PluginManager;
import io.wasmgate.plugin.lifecycle.StatsPluginMetrics;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real plugin's HTTP callout (the Rust conformance plugin, mode "callout") to a backend that
 * never answers, left open when the request goes away: closing the plugin's VM cancels it, so the
 * gateway closes the upstream connection long before the callout's 60 s timeout, and no response
 * is handed back for the closed VM.
 */
class WasmCalloutCancelTest {
  static final Path RUST_CONFORMANCE =
      WasmBodiesAndCalloutsTest.PLUGINS.resolve("rust/conformance/plugin.wasm");

  HoldingBackend backend;
  GatewayServer gateway;
  PluginManager plugins;
  /** Responses the gateway handed to the host for any callout. */
  final AtomicInteger responses = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    backend = new HoldingBackend();
    String yaml =
        """
        workers: 1
        listeners:
        - name: main
          address: 127.0.0.1:0
          routes:
          - {name: all, match: {prefix: /}, cluster: held}
        clusters:
        - {name: held, endpoints: ["127.0.0.1:%d"], timeout: 60s}
        """
            .formatted(backend.port());
    AtomicReference<PluginManager> chains = new AtomicReference<>();
    gateway =
        new GatewayServer(
            GatewayConfigLoader.parse(yaml, null),
            listenerPort -> chains.get().chainFor(listenerPort),
            new StatsStore(),
            new RecordingAccessLog());
    StatsStore stats = new StatsStore();
    // As the CLI wires them, with the gateway's callouts counted.
    HostServices services =
        new GatewayServices(
            new StatsPluginMetrics(stats), null, gateway.workerExecutors(), counting(gateway.httpCalls()));
    plugins =
        new PluginManager(
            Files.createTempDirectory("wasmgate-cancel"), Map.of(), gateway.workers(), EngineKind.INTERPRETER,
            stats, services);
    plugins.start();
    chains.set(plugins);
    plugins.apply(
        """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: rust-callout, namespace: default}
        spec:
          url: file://%s
        """
            .formatted(RUST_CONFORMANCE));
    gateway.start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    plugins.close();
    backend.close();
  }

  /** The gateway's dispatcher, counting the responses it delivers. */
  private HttpCallDispatcher counting(HttpCallDispatcher gatewayCalls) {
    return new HttpCallDispatcher() {
      @Override
      public boolean hasCluster(String cluster) {
        return gatewayCalls.hasCluster(cluster);
      }

      @Override
      public Call dispatch(Request request, Consumer<Response> onResponse) {
        return gatewayCalls.dispatch(
            request,
            response -> {
              responses.incrementAndGet();
              onResponse.accept(response);
            });
      }
    };
  }

  @Test
  void closingTheVmClosesTheUpstreamConnectionOfItsOpenCallout() throws Exception {
    try (RawHttp client = new RawHttp(gateway.boundAddress("main").getPort())) {
      client.send(
          "GET /held HTTP/1.1\r\nhost: a\r\nx-mode: callout\r\nx-callout-cluster: held\r\n"
              + "x-callout-timeout-ms: 60000\r\n\r\n");
      await().atMost(Duration.ofSeconds(20)).until(() -> backend.held() == 1);
    } // the request goes away; its callout, made for the VM, stays open

    plugins.close(); // retires the plugin: its VM closes once the request has ended

    await().atMost(Duration.ofSeconds(10)).until(() -> backend.closedByClient() == 1);
    // Whatever the loop had queued when the connection closed has run: no response came of it.
    gateway.workerExecutors().get(0).submit(() -> {}).get(10, TimeUnit.SECONDS);
    assertThat(responses).hasValue(0);
  }
}
