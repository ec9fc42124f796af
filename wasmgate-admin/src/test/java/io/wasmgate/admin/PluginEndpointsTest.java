package io.wasmgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.observability.StatsStore;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PluginEndpointsTest {
  private static final String PATH = "/apis/extensions.istio.io/v1alpha1/wasmplugins";
  private static final String AUTH = """
      apiVersion: extensions.istio.io/v1alpha1
      kind: WasmPlugin
      metadata:
        name: header-authorization
        namespace: istio-system
      spec:
        url: file:///plugins/header-authorization.wasm
      """;

  private final InMemoryPluginAdmin plugins = new InMemoryPluginAdmin();
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    server = AdminServer.builder()
        .address("127.0.0.1", 0)
        .stats(new StatsStore())
        .plugins(plugins)
        .configDump(ConfigDumpSection.of("bootstrap", () -> Map.of("admin", Map.of("port", 15000))))
        .configDump(ConfigDumpSection.of("listeners", () -> List.of(Map.of("name", "http", "port", 8000))))
        .build()
        .start();
    admin = new AdminClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void applyStoresThePluginAndAnswersKubectlStyle() throws Exception {
    HttpResponse<String> first = admin.send("POST", PATH, AUTH);
    HttpResponse<String> second = admin.send("POST", PATH, AUTH);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("wasmplugin.extensions.istio.io/header-authorization created\n");
    assertThat(second.body()).isEqualTo("wasmplugin.extensions.istio.io/header-authorization configured\n");
    assertThat(plugins.plugins()).extracting(p -> p.namespace() + "/" + p.name())
        .containsExactly("istio-system/header-authorization");
  }

  @Test
  void invalidResourceIs422WithTheLifecycleMessage() throws Exception {
    HttpResponse<String> r = admin.send("POST", PATH, AUTH.replace("kind: WasmPlugin", "kind: Gateway"));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).isEqualTo("error: document 1: kind must be WasmPlugin, got 'Gateway'\n");
    assertThat(plugins.plugins()).isEmpty();
  }

  @Test
  void emptyBodyIs400AndGetIs405() throws Exception {
    assertThat(admin.send("POST", PATH, "").statusCode()).isEqualTo(400);
    HttpResponse<String> get = admin.get(PATH);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.body()).isEqualTo("Method GET not allowed, DELETE or POST required.\n");
  }

  @Test
  void deleteRemovesThePluginAndUnknownIs404() throws Exception {
    admin.send("POST", PATH, AUTH);

    HttpResponse<String> deleted = admin.send("DELETE", PATH, AUTH);
    HttpResponse<String> again = admin.send("DELETE", PATH, AUTH);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("wasmplugin.extensions.istio.io/header-authorization deleted\n");
    assertThat(plugins.plugins()).isEmpty();
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("header-authorization not found");
  }

  @Test
  void postToColonDeleteAlsoDeletes() throws Exception {
    admin.send("POST", PATH, AUTH);

    HttpResponse<String> r = admin.send("POST", PATH + ":delete", AUTH);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(plugins.plugins()).isEmpty();
  }

  @Test
  void configDumpHasRegisteredSectionsThenPluginsWithEveryStatusField() throws Exception {
    admin.send("POST", PATH, AUTH);

    HttpResponse<String> r = admin.get("/config_dump");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode configs = new JsonMapper().readTree(r.body()).get("configs");
    assertThat(configs).hasSize(3);
    assertThat(configs.get(0).get("@type").asString())
        .isEqualTo("type.googleapis.com/wasmgate.admin.v1.BootstrapConfigDump");
    assertThat(configs.get(0).get("admin").get("port").asInt()).isEqualTo(15000);
    assertThat(configs.get(1).get("@type").asString())
        .isEqualTo("type.googleapis.com/wasmgate.admin.v1.ListenersConfigDump");
    assertThat(configs.get(1).get("listeners").get(0).get("port").asInt()).isEqualTo(8000);
    JsonNode pluginsDump = configs.get(2);
    assertThat(pluginsDump.get("@type").asString()).isEqualTo(ConfigDumpHandler.PLUGINS_TYPE);
    JsonNode plugin = pluginsDump.get("plugins").get(0);
    assertThat(plugin.propertyNames()).containsExactly("name", "namespace", "pluginName", "phase",
        "priority", "url", "failStrategy", "state", "sha256", "vmCount", "engine", "memoryBytes", "traps",
        "reloads", "lastError");
    assertThat(plugin.get("name").asString()).isEqualTo("header-authorization");
    assertThat(plugin.get("url").asString()).isEqualTo("file:///plugins/header-authorization.wasm");
    assertThat(plugin.get("vmCount").asInt()).isEqualTo(2);
    assertThat(plugin.get("engine").asString()).isEqualTo("compiler");
    assertThat(plugin.get("lastError").isNull()).isTrue();
  }

  @Test
  void helpDocumentsPluginManagement() throws Exception {
    assertThat(admin.get("/help").body())
        .contains("  " + PATH + " (DELETE, POST): ", "  " + PATH + ":delete (POST): ");
  }
}
