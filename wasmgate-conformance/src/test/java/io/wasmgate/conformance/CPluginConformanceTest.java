package io.wasmgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.runtime.EngineKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ABI calls neither the Go SDK nor a running AS plugin reaches, from C: header map size, log
 * level and close_stream (plugins/c/conformance), and ABI 0.1.0's two-argument header callbacks,
 * proxy_get_configuration and proxy_continue_request/response (plugins/c/abi-v010).
 */
class CPluginConformanceTest {
  @RegisterExtension static final Gateways CONFORMANCE = new Gateways("c-conformance", Plugins.C_CONFORMANCE);

  @RegisterExtension
  static final Gateways V010 = new Gateways("c-v010", Plugins.C_V010, "pluginConfig: {tag: x}");

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void headerMapSizeGrowsByTheSerializedSizeOfOneMorePair(EngineKind engine) throws Exception {
    ConformanceGateway gw = CONFORMANCE.on(engine);

    int without = mapSize(gw.raw("GET /get HTTP/1.1\r\nhost: a\r\nx-mode: map-size"));
    int with = mapSize(gw.raw("GET /get HTTP/1.1\r\nhost: a\r\nx-mode: map-size\r\nx-extra: abc"));

    // A pair adds its two u32 sizes, then name and value each NUL-terminated: 8 + 7+1 + 3+1.
    assertThat(with - without).isEqualTo(20);
    assertThat(without).isGreaterThan(4);
  }

  private static int mapSize(String raw) {
    assertThat(raw).startsWith("HTTP/1.1 200 ");
    String head = raw.toLowerCase(Locale.ROOT);
    int at = head.indexOf("\r\nx-map-size: ");
    assertThat(at).as("x-map-size in %s", raw).isPositive();
    return Integer.parseInt(head.substring(at + 14, head.indexOf("\r\n", at + 2)));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void logLevelIsTheMostVerboseTheWasmLoggerPasses(EngineKind engine) throws Exception {
    HttpResponse<String> r = CONFORMANCE.on(engine).get("/get", "x-mode", "log-level");

    // The suite's logback config lets the "wasm" logger through from TRACE (0).
    assertThat(r.headers().firstValue("x-log-level")).hasValue("0");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void closeStreamResetsTheConnectionWithoutAnyResponse(EngineKind engine) throws Exception {
    ConformanceGateway gw = CONFORMANCE.on(engine);
    try (Socket socket = new Socket("127.0.0.1", gw.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream()
          .write("GET /get HTTP/1.1\r\nhost: a\r\nx-mode: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

      // Without "connection: close" only the reset ends the read (a timeout would throw instead).
      assertThat(bytesUntilClosed(socket.getInputStream())).isEmpty();
    }
  }

  private static String bytesUntilClosed(InputStream in) throws Exception {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] chunk = new byte[512];
    try {
      for (int n; (n = in.read(chunk)) != -1; ) {
        received.write(chunk, 0, n);
      }
    } catch (SocketException reset) {
      // A reset (RST) rather than an orderly close: equally "closed".
    }
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void abi010PluginReadsItsConfigurationWithProxyGetConfiguration(EngineKind engine) throws Exception {
    HttpResponse<String> r = V010.on(engine).get("/headers");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().toLowerCase(Locale.ROOT)).contains("\"x-v010\": \"x\"").doesNotContain("x-v010-resumed");
    assertThat(r.headers().firstValue("x-v010-resumed")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void abi010PausedHeadersAreEditedAndReleasedByContinueRequestAndResponse(EngineKind engine) throws Exception {
    HttpResponse<String> r = V010.on(engine).send("POST", "/anything", "hello", "x-pause", "1");

    // The header each body callback added reached the wire: the headers waited for it.
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().toLowerCase(Locale.ROOT))
        .contains("\"x-v010-resumed\": \"body\"").contains("\"x-v010\": \"x\"").contains("\"data\": \"hello\"");
    assertThat(r.headers().firstValue("x-v010-resumed")).hasValue("body");
  }
}
