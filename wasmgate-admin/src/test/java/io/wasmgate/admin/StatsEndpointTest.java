package io.wasmgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.observability.StatsStore;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatsEndpointTest {
  private final StatsStore stats = new StatsStore();
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    stats.counter("wasm.plugin.calls", Map.of("plugin", "default.auth")).add(4);
    stats.gauge("wasm.vm.active").set(2);
    server = AdminServer.builder().address("127.0.0.1", 0).stats(stats).build().start();
    admin = new AdminClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void statsAreEnvoyTextAndFollowTheStore() throws Exception {
    assertThat(admin.get("/stats").body())
        .isEqualTo("wasm.plugin.calls.plugin.default.auth: 4\nwasm.vm.active: 2\n");

    stats.gauge("wasm.vm.active").set(3);

    assertThat(admin.get("/stats").body()).contains("wasm.vm.active: 3\n");
  }

  @Test
  void filterAndJsonFormat() throws Exception {
    HttpResponse<String> r = admin.get("/stats?filter=calls&format=json");

    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode json = new JsonMapper().readTree(r.body());
    assertThat(json.get("stats")).hasSize(1);
    assertThat(json.get("stats").get(0).get("name").asString())
        .isEqualTo("wasm.plugin.calls.plugin.default.auth");
    assertThat(json.get("stats").get(0).get("value").asLong()).isEqualTo(4);
  }

  @Test
  void prometheusExposition() throws Exception {
    HttpResponse<String> r = admin.get("/stats/prometheus");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue(StatsHandler.PROMETHEUS);
    assertThat(r.body()).isEqualTo("""
        # TYPE envoy_wasm_plugin_calls counter
        envoy_wasm_plugin_calls{plugin="default.auth"} 4
        # TYPE envoy_wasm_vm_active gauge
        envoy_wasm_vm_active 2
        """);
    assertThat(admin.get("/stats?format=prometheus").body()).isEqualTo(r.body());
  }

  @Test
  void badRegexAndUnknownFormatAre400() throws Exception {
    HttpResponse<String> badRegex = admin.get("/stats?filter=%5B");
    HttpResponse<String> badFormat = admin.get("/stats?format=xml");

    assertThat(badRegex.statusCode()).isEqualTo(400);
    assertThat(badRegex.body()).contains("invalid filter regex '['");
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(badFormat.body()).contains("unknown format 'xml'");
  }

  @Test
  void statsAreReadOnly() throws Exception {
    assertThat(admin.post("/stats").statusCode()).isEqualTo(405);
  }
}
