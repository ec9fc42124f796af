package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Modules that cannot run are refused with an error that names the cause, in apply's output, in
 * /config_dump and in the log, while the plugin already serving (a chain-marker tagged "alive")
 * keeps serving.
 */
class BadModulesTest {
  static final String KEEPER = "keeper";
  static GatewayFixture fixture;
  static int main;
  static int other;

  @BeforeAll
  static void start() throws Exception {
    fixture = GatewayFixture.prepare(2);
    fixture.writePlugin("keeper.yaml", WasmPluginYaml.chainMarker(KEEPER, "alive"));
    fixture.start(Map.of());
    main = fixture.port(0);
    other = fixture.port(1);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @AfterEach
  void removeBadPlugins() throws Exception {
    fixture.removePluginsExcept(KEEPER);
  }

  @Test
  void aModuleWithoutAbiMarkerIsRefused() throws Exception {
    assertRefused("no-abi", failOpen("no-abi", WasmPluginYaml.NO_ABI_MARKER), "ABI marker");
  }

  @Test
  void aModuleWithAnUnknownImportIsRefusedNamingTheImport() throws Exception {
    assertRefused("missing-import", failOpen("missing-import", WasmPluginYaml.MISSING_IMPORT),
        "env.proxy_does_not_exist");
  }

  @Test
  void aModuleWhoseConfigureFailsIsRefused() throws Exception {
    assertRefused("configure-fails", failOpen("configure-fails", WasmPluginYaml.CONFIGURE_FAILS),
        "proxy_on_configure");
  }

  @Test
  void chainMarkerWithoutItsTagFailsToConfigureAndSaysWhy() throws Exception {
    assertRefused("untagged", WasmPluginYaml.plugin("untagged", WasmPluginYaml.CHAIN_MARKER, "failStrategy: FAIL_OPEN"),
        "proxy_on_configure");
    fixture.gateway().awaitLine(
        l -> l.contains("wasm log istio-system.untagged: chain-marker: plugin configuration {\"tag\":\"...\"} is required"),
        Duration.ofSeconds(10));
  }

  @Test
  void aFailClosedModuleThatCannotLoadDeniesOnlyTheTrafficItMatches() throws Exception {
    GatewayProcess apply = fixture.apply(WasmPluginYaml.plugin("closed-broken", WasmPluginYaml.MISSING_IMPORT,
        "failStrategy: FAIL_CLOSE", "match:\n- ports:\n  - number: " + other));
    assertThat(apply.exitCode()).as(apply.allOutput()).isEqualTo(1);

    HttpResponse<String> denied = Http.get(other, "/get?denied");
    assertThat(denied.statusCode()).isEqualTo(503);
    JsonNode log = fixture.awaitAccessLog(l -> l.get("path").asString().equals("/get?denied"));
    assertThat(log.get("response_code").asInt()).isEqualTo(503);
    assertThat(log.get("response_code_details").asString()).isEqualTo("wasm_fail_stream");

    assertThat(fixture.chain(main)).containsExactly("alive");
  }

  /** Fail-open, so that a refused module cannot take traffic down by itself. */
  private static String failOpen(String name, String module) {
    return WasmPluginYaml.plugin(name, module, "failStrategy: FAIL_OPEN", "pluginConfig: {tag: unused}");
  }

  /** Applies the resource and checks every place where the cause of the refusal must show up. */
  private static void assertRefused(String name, String yaml, String cause) throws Exception {
    GatewayProcess apply = fixture.apply(yaml);

    assertThat(apply.exitCode()).as(apply.allOutput()).isEqualTo(1);
    String errors = String.join("\n", apply.stderr());
    assertThat(errors).startsWith("wasmgate: ").contains(name).contains(cause);

    JsonNode status = fixture.plugin(name);
    assertThat(status.get("state").asString()).isEqualTo("FAILED");
    assertThat(status.get("lastError").asString()).contains(cause);
    assertThat(status.get("sha256").isNull()).as("no module in force: %s", status).isTrue();

    fixture.gateway().awaitLine(l -> l.contains(name) && l.contains(cause), Duration.ofSeconds(10));
    assertThat(fixture.plugin(KEEPER).get("state").asString()).isEqualTo("ACTIVE");
    assertThat(fixture.chain(main)).containsExactly("alive");
    assertThat(fixture.chain(other)).containsExactly("alive");
  }
}
