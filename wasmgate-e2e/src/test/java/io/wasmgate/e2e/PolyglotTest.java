package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same plugin written in Go (proxy-wasm-go-sdk) and in C (raw ABI) must be indistinguishable
 * on the wire and in the log. Each runs on its own listener (spec.match ports) of one gateway.
 */
class PolyglotTest {
  static final String FORBIDDEN = "Forbidden by ASM Wasm Plugin";
  static GatewayFixture fixture;
  static int goPort;
  static int cPort;

  @BeforeAll
  static void start() throws Exception {
    fixture = GatewayFixture.prepare(2);
    goPort = fixture.port(0);
    cPort = fixture.port(1);
    fixture.writePlugin("go.yaml", authorization("header-authorization-go", WasmPluginYaml.GO_HEADER_AUTH, goPort));
    fixture.writePlugin("c.yaml", authorization("header-authorization-c", WasmPluginYaml.C_HEADER_AUTH, cPort));
    fixture.start(Map.of());
  }

  private static String authorization(String name, String module, int port) {
    return WasmPluginYaml.plugin(name, module,
        "phase: AUTHN", "failStrategy: FAIL_CLOSE", "match:\n- ports:\n  - number: " + port);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void bothPluginsAreActive() throws Exception {
    for (String name : List.of("header-authorization-go", "header-authorization-c")) {
      JsonNode plugin = fixture.plugin(name);
      assertThat(plugin.get("state").asString()).as(name).isEqualTo("ACTIVE");
      assertThat(plugin.get("sha256").asString()).as(name).matches("[0-9a-f]{64}");
    }
  }

  @Test
  void deniesLikeTheGoPluginWithoutAllowTrue() throws Exception {
    String[][] cases = {{}, {"allow", "false"}, {"allow", "TRUE"}, {"allow", ""}};
    for (String[] headers : cases) {
      HttpResponse<String> go = Http.get(goPort, "/status/200", headers);
      HttpResponse<String> c = Http.get(cPort, "/status/200", headers);
      String request = "GET /status/200 with " + String.join(": ", headers);
      assertThat(go.statusCode()).as("Go, " + request).isEqualTo(403);
      assertThat(go.body()).as("Go, " + request).isEqualTo(FORBIDDEN);
      assertThat(c.statusCode()).as("C, " + request).isEqualTo(403);
      assertThat(c.body()).as("C, " + request).isEqualTo(FORBIDDEN);
      assertThat(headersWithoutDate(c)).as("C response headers, " + request).isEqualTo(headersWithoutDate(go));
    }
  }

  @Test
  void passesWithAllowTrueLikeTheGoPlugin() throws Exception {
    for (int port : List.of(goPort, cPort)) {
      HttpResponse<String> teapot = Http.get(port, "/status/418", "allow", "true");
      assertThat(teapot.statusCode()).as("port %d", port).isEqualTo(418);
      assertThat(teapot.body()).as("port %d", port).contains("I'M A").contains("TEAPOT");
      JsonNode echoed = fixture.echoedHeaders(port, "allow", "true");
      assertThat(echoed.get("Allow").asString()).as("port %d", port).isEqualTo("true");
    }
  }

  @Test
  void logsTheSameDebugLineOnlyAtDebugLevel() throws Exception {
    GatewayProcess gateway = fixture.gateway();
    for (int port : List.of(goPort, cPort)) {
      Http.get(port, "/status/200?quiet=" + port, "allow", "quiet");
      fixture.awaitAccessLog(log -> log.get("path").asString().equals("/status/200?quiet=" + port));
    }
    assertThat(gateway.stderr()).noneMatch(l -> l.contains("'allow' is quiet"));

    HttpResponse<String> logging = Http.post(fixture.admin, "/logging?wasm=debug", "");
    assertThat(logging.statusCode()).isEqualTo(200);

    Http.get(goPort, "/status/200", "allow", "loud");
    Http.get(cPort, "/status/200", "allow", "loud");
    String expected = "request header: 'allow' is loud, only true can passthrough";
    String goLine = gateway.awaitLine(
        l -> l.contains("wasm log istio-system.header-authorization-go: " + expected), Duration.ofSeconds(10));
    String cLine = gateway.awaitLine(
        l -> l.contains("wasm log istio-system.header-authorization-c: " + expected), Duration.ofSeconds(10));
    assertThat(cLine).endsWith(expected);
    assertThat(goLine).endsWith(expected);
  }

  private static Map<String, List<String>> headersWithoutDate(HttpResponse<?> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }
}
