package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Step 5, against `wasmgate demo` run from the jar: the Go plugin denies without
 * `allow: true`, its debug line appears only after POST /logging?wasm=debug, next to the Istio JSON
 * access log line, and with the header httpbin's teapot comes through.
 */
class DemoFlowTest {
  static GatewayProcess demo;
  static int gateway;
  static int admin;

  @BeforeAll
  static void startDemo() throws Exception {
    gateway = GatewayProcess.freePort();
    admin = GatewayProcess.freePort();
    int backend = GatewayProcess.freePort();
    demo =
        GatewayProcess.start(
            "demo",
            "--gateway-port", String.valueOf(gateway),
            "--admin-port", String.valueOf(admin),
            "--backend-port", String.valueOf(backend));
    demo.awaitLine(l -> l.contains("wasmgate demo is ready"), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void tutorialFlow() throws Exception {
    HttpResponse<String> denied = Http.get(gateway, "/status/418");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("Forbidden by ASM Wasm Plugin");
    assertThat(demo.stderr()).noneMatch(l -> l.contains("only true can passthrough"));

    HttpResponse<String> logging = Http.post(admin, "/logging?wasm=debug", "");
    assertThat(logging.statusCode()).isEqualTo(200);

    Http.get(gateway, "/status/418", "allow", "false");
    String pluginLine =
        demo.awaitLine(
            l -> l.contains("request header: 'allow' is false, only true can passthrough"),
            Duration.ofSeconds(10));
    assertThat(pluginLine).contains("wasm log istio-system.header-authorization: ");
    demo.awaitLine(
        l -> l.startsWith("{") && l.contains("\"response_code\":403") && l.contains("/status/418"),
        Duration.ofSeconds(10));

    HttpResponse<String> teapot = Http.get(gateway, "/status/418", "allow", "true");
    assertThat(teapot.statusCode()).isEqualTo(418);
    assertThat(teapot.body()).contains("I'M A").contains("TEAPOT");
    demo.awaitLine(
        l -> l.startsWith("{") && l.contains("\"response_code\":418"), Duration.ofSeconds(10));
  }
}
