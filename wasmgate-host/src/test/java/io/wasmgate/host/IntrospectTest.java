package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.wasmgate.runtime.EngineKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties, buffers, logging, WASI and unimplemented calls, as one plugin reports them. */
class IntrospectTest {
  private static final HostServices NODE =
      new HostServices() {
        @Override
        public byte[] property(List<String> path) {
          return path.equals(List.of("node", "id")) ? "gateway-1".getBytes() : null;
        }
      };

  private static TestStream run(EngineKind engine, WasmLogCapture log) throws Exception {
    TestStream stream = TestStream.get("/status/200");
    try (PluginVm vm =
            ProxyWasmHost.load(Fixtures.wasm("introspect"), engine)
                .start(Fixtures.spec("{\"a\":1}"), NODE);
        HttpContext context = vm.createHttpContext(stream)) {
      context.onRequestHeaders(3, true);
    }
    return stream;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void answersPropertiesFromSpecStreamThenServices(EngineKind engine) throws Exception {
    try (WasmLogCapture log = new WasmLogCapture(Level.INFO)) {
      HeaderMap headers = run(engine, log).requestHeaders;

      assertThat(headers.get("x-plugin-name")).isEqualTo("default.test-plugin");
      assertThat(headers.get("x-root-id")).isEqualTo("test-root");
      assertThat(headers.get("x-path")).isEqualTo("/status/200");
      assertThat(headers.get("x-node")).isEqualTo("gateway-1");
      assertThat(headers.get("x-nope-status")).isEqualTo("01");
      assertThat(headers.get("x-set-property-status")).as("stream refuses").isEqualTo("02");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void servesConfigurationBuffersEvenWhenEmpty(EngineKind engine) throws Exception {
    try (WasmLogCapture log = new WasmLogCapture(Level.INFO)) {
      HeaderMap headers = run(engine, log).requestHeaders;

      assertThat(headers.get("x-config")).isEqualTo("{\"a\":1}");
      assertThat(headers.get("x-vm-config-status")).isEqualTo("00");
      assertThat(headers.get("x-vm-config-size")).as("size 0 written").isEqualTo("00");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void answersHonestStatusesAndErrnos(EngineKind engine) throws Exception {
    try (WasmLogCapture log = new WasmLogCapture(Level.INFO)) {
      TestStream stream = run(engine, log);
      HeaderMap headers = stream.requestHeaders;

      assertThat(headers.get("x-metric-status")).as("UNIMPLEMENTED").isEqualTo("12");
      assertThat(headers.get("x-oob-status")).as("INVALID_MEMORY_ACCESS").isEqualTo("06");
      assertThat(headers.get("x-continue-l4-status")).as("BAD_ARGUMENT").isEqualTo("02");
      assertThat(headers.get("x-random-status")).as("EINVAL over 64 KiB").isEqualTo("28");
      assertThat(headers.get("x-path-open-errno")).as("ENOENT").isEqualTo("44");
      assertThat(headers.get("x-env-count")).isEqualTo("01");
      assertThat(headers.get("x-env")).isEqualTo("GREETING=hi");
      assertThat(stream.streamCalls).containsExactly("continue HTTP_REQUEST");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void logsThroughTheWasmLoggerWithItsLevel(EngineKind engine) throws Exception {
    try (WasmLogCapture log = new WasmLogCapture(Level.DEBUG)) {
      HeaderMap headers = run(engine, log).requestHeaders;

      assertThat(headers.get("x-log-level")).as("debug").isEqualTo("01");
      assertThat(log.lines())
          .containsExactly(
              "INFO wasm log default.test-plugin: hello from proxy_log",
              "INFO wasm log default.test-plugin: hello from stdout",
              "ERROR wasm log default.test-plugin: oops on stderr");
    }
  }
}
