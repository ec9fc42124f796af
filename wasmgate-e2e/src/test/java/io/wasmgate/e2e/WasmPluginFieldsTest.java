package io.wasmgate.e2e;

import static io.wasmgate.e2e.WasmPluginYaml.chainMarker;
import static io.wasmgate.e2e.WasmPluginYaml.documents;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every WasmPlugin field, observed on the wire. chain-marker plugins append their tag to the
 * request header x-chain (echoed by httpbin's /headers) and to the response header
 * x-chain-response, so which plugins ran, in which order and with which configuration is visible.
 * One gateway with two listeners; each test removes its plugins afterwards.
 */
class WasmPluginFieldsTest {
  static final String HOST_ENV_VALUE = "from-the-gateway-environment";
  static GatewayFixture fixture;
  static int main;
  static int other;

  @BeforeAll
  static void start() throws Exception {
    fixture = GatewayFixture.prepare(2).start(Map.of("WASMGATE_TEST_ENV", HOST_ENV_VALUE));
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
  void removePlugins() throws Exception {
    fixture.removePluginsExcept();
  }

  @Test
  void applyPrintsKubectlStyleLinesAndAppliesTheTag() throws Exception {
    GatewayProcess created = fixture.apply(chainMarker("marker", "first"));
    assertThat(created.exitCode()).as(created.allOutput()).isZero();
    assertThat(created.stdout()).containsExactly("wasmplugin.extensions.istio.io/marker created");
    assertThat(fixture.chain(main)).containsExactly("first");

    GatewayProcess unchanged = fixture.apply(chainMarker("marker", "first"));
    assertThat(unchanged.exitCode()).as(unchanged.allOutput()).isZero();
    assertThat(unchanged.stdout()).containsExactly("wasmplugin.extensions.istio.io/marker unchanged");

    GatewayProcess configured = fixture.apply(chainMarker("marker", "second"));
    assertThat(configured.exitCode()).as(configured.allOutput()).isZero();
    assertThat(configured.stdout()).containsExactly("wasmplugin.extensions.istio.io/marker configured");
    assertThat(fixture.chain(main)).containsExactly("second");
  }

  @Test
  void selectorMustMatchTheGatewayLabels() throws Exception {
    applyOk(documents(
        chainMarker("ingress-only", "ingress", "selector:\n  matchLabels:\n    istio: ingressgateway"),
        chainMarker("egress-only", "egress", "selector:\n  matchLabels:\n    istio: egressgateway")));

    assertThat(fixture.chain(main)).containsExactly("ingress");
    assertThat(fixture.plugin("ingress-only").get("state").asString()).isEqualTo("ACTIVE");
    assertThat(fixture.plugin("egress-only").get("state").asString()).isEqualTo("SKIPPED");
  }

  @Test
  void pluginConfigReachesThePlugin() throws Exception {
    applyOk(chainMarker("configured", "from-plugin-config"));

    HttpResponse<String> response = Http.get(main, "/headers");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(GatewayFixture.JSON.readTree(response.body()).get("headers").get("X-Chain").asString())
        .isEqualTo("from-plugin-config");
    assertThat(Http.headerValues(response, "x-chain-response")).containsExactly("from-plugin-config");
    assertThat(response.headers().firstValue("x-env-from-plugin-config")).isEmpty();
  }

  @Test
  void vmConfigEnvInlineValueReachesThePlugin() throws Exception {
    applyOk(chainMarker("inline-env", "inl",
        "vmConfig:\n  env:\n  - name: WASMGATE_TEST_ENV\n    value: written-inline"));

    HttpResponse<String> response = Http.get(main, "/get");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("x-env-inl")).containsExactly("written-inline");
  }

  @Test
  void vmConfigEnvHostValueComesFromTheGatewayEnvironment() throws Exception {
    applyOk(chainMarker("host-env", "hst",
        "vmConfig:\n  env:\n  - name: WASMGATE_TEST_ENV\n    valueFrom: HOST"));

    HttpResponse<String> response = Http.get(main, "/get");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("x-env-hst")).containsExactly(HOST_ENV_VALUE);
  }

  @Test
  void matchPortsRestrictThePluginToItsListener() throws Exception {
    applyOk(documents(
        chainMarker("on-main", "main", ports(main)),
        chainMarker("on-other", "other", ports(other)),
        chainMarker("on-unused-port", "unused", ports(1))));

    assertThat(fixture.chain(main)).containsExactly("main");
    assertThat(fixture.chain(other)).containsExactly("other");
  }

  @Test
  void failCloseAnswers503WhenThePluginTraps() throws Exception {
    applyOk(WasmPluginYaml.plugin("trap-closed", WasmPluginYaml.TRAP_ON_REQUEST, "failStrategy: FAIL_CLOSE"));

    for (int i = 0; i < 2; i++) {
      String path = "/anything/fail-close-" + i;
      HttpResponse<String> response = Http.get(main, path);
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(503);
      JsonNode log = fixture.awaitAccessLog(l -> l.get("path").asString().equals(path));
      assertThat(log.get("response_code").asInt()).isEqualTo(503);
      assertThat(log.get("response_code_details").asString()).isEqualTo("wasm_fail_stream");
    }
  }

  @Test
  void failOpenPassesThroughWhenThePluginTraps() throws Exception {
    applyOk(documents(
        WasmPluginYaml.plugin("trap-open", WasmPluginYaml.TRAP_ON_REQUEST, "failStrategy: FAIL_OPEN"),
        chainMarker("after-trap", "after", "phase: STATS")));

    for (int i = 0; i < 2; i++) {
      String path = "/anything/fail-open-" + i;
      HttpResponse<String> response = Http.get(main, path);
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      assertThat(GatewayFixture.JSON.readTree(response.body()).get("url").asString()).endsWith(path);
      JsonNode log = fixture.awaitAccessLog(l -> l.get("path").asString().equals(path));
      assertThat(log.get("response_code").asInt()).isEqualTo(200);
    }
    assertThat(fixture.chain(main)).containsExactly("after");
  }

  @Test
  void pluginNameIsKeptAndThePluginRunsUnderIt() throws Exception {
    applyOk(chainMarker("named", "named-tag", "pluginName: marker-root"));

    assertThat(fixture.plugin("named").get("pluginName").asString()).isEqualTo("marker-root");
    assertThat(fixture.chain(main)).containsExactly("named-tag");
  }

  @Test
  void phaseThenPriorityOrderTheChain() throws Exception {
    // Written in reverse of the expected order, so file or document order cannot pass the test.
    applyOk(documents(
        chainMarker("z-unspecified", "unspecified"),
        chainMarker("y-stats", "stats", "phase: STATS"),
        chainMarker("x-authz", "authz", "phase: AUTHZ"),
        chainMarker("w-authn-unset", "authn-unset", "phase: AUTHN"),
        chainMarker("v-authn-low", "authn-low", "phase: AUTHN", "priority: -5"),
        chainMarker("u-authn-high", "authn-high", "phase: AUTHN", "priority: 100"),
        chainMarker("a-authz-high", "authz-high", "phase: AUTHZ", "priority: 7")));

    List<String> requestOrder =
        List.of("authn-high", "authn-low", "authn-unset", "authz-high", "authz", "stats", "unspecified");
    assertThat(fixture.chain(main)).containsExactlyElementsOf(requestOrder);

    // As in Envoy, response headers pass the filters in reverse order.
    HttpResponse<String> response = Http.get(main, "/get");
    List<String> responseOrder = new ArrayList<>(requestOrder);
    Collections.reverse(responseOrder);
    assertThat(Http.headerValues(response, "x-chain-response")).containsExactlyElementsOf(responseOrder);
  }

  @Test
  void deleteRemovesThePlugin() throws Exception {
    String marker = chainMarker("short-lived", "doomed");
    applyOk(marker);
    assertThat(fixture.chain(main)).containsExactly("doomed");

    GatewayProcess deleted = fixture.delete(marker);
    assertThat(deleted.exitCode()).as(deleted.allOutput()).isZero();
    assertThat(deleted.stdout()).containsExactly("wasmplugin.extensions.istio.io \"short-lived\" deleted");
    assertThat(fixture.chain(main)).isEmpty();
    assertThat(fixture.plugins()).isEmpty();

    GatewayProcess again = fixture.delete(marker);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).anyMatch(l -> l.startsWith("wasmgate: ") && l.contains("\"short-lived\" not found"));
  }

  @Test
  void aFileDroppedIntoThePluginsDirectoryTakesEffect() throws Exception {
    fixture.writePlugin("dropped.yaml", chainMarker("dropped", "from-file"));
    Awaitility.await("the dropped plugin serves").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixture.chain(main)).containsExactly("from-file"));

    Files.delete(fixture.pluginsDir.resolve("dropped.yaml"));
    Awaitility.await("the removed plugin stops").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixture.chain(main)).isEmpty());
  }

  @Test
  void aWatchedFileThatBecomesInvalidKeepsItsLastValidVersion() throws Exception {
    fixture.writePlugin("edited.yaml", chainMarker("edited", "valid-version"));
    Awaitility.await("the plugin serves").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixture.chain(main)).containsExactly("valid-version"));

    fixture.writePlugin("edited.yaml", chainMarker("edited", "broken-version", "phase: AUTHX"));
    Awaitility.await("the edit's error is reported").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixture.plugin("edited").get("lastError").asString())
            .contains("spec.phase").contains("AUTHX"));
    fixture.gateway().awaitLine(l -> l.contains("edited.yaml") && l.contains("AUTHX"), Duration.ofSeconds(10));
    assertThat(fixture.chain(main)).containsExactly("valid-version");
  }

  @Test
  void invalidFieldsAreRejectedAndTheAppliedPluginKeepsWorking() throws Exception {
    applyOk(chainMarker("keeper", "kept"));

    assertRejected(chainMarker("bad-phase", "x", "phase: AUTHX"), "spec.phase", "AUTHX");
    assertRejected(WasmPluginYaml.header("no-url") + "spec:\n  phase: AUTHN\n", "spec.url", "required");
    assertRejected(chainMarker("bad-sha", "x", "sha256: not-a-digest"), "spec.sha256", "64");
    assertRejected(chainMarker("bad-priority", "x", "priority: high"), "spec.priority", "integer");
    assertRejected(chainMarker("bad-fail", "x", "failStrategy: FAIL_SOMETIMES"), "spec.failStrategy", "FAIL_SOMETIMES");
    assertRejected(chainMarker("bad-port", "x", ports(70000)), "spec.match[0].ports[0].number", "70000");
    assertRejected(chainMarker("bad-env", "x", "vmConfig:\n  env:\n  - name: A\n    valueFrom: HOST\n    value: v"),
        "spec.vmConfig.env[0].value", "HOST");
    assertRejected(chainMarker("remote", "x").replace("url: file://", "url: oci://"), "spec.url", "oci://");

    assertThat(fixture.plugins()).extracting(p -> p.get("name").asString()).containsExactly("keeper");
    assertThat(fixture.chain(main)).containsExactly("kept");
  }

  @Test
  void aModuleWhoseDigestDiffersFromSha256IsNotLoaded() throws Exception {
    applyOk(chainMarker("keeper", "kept"));
    String zeros = "0".repeat(64);

    GatewayProcess mismatch =
        fixture.apply(chainMarker("wrong-digest", "wrong", "sha256: " + zeros, "failStrategy: FAIL_OPEN"));

    assertThat(mismatch.exitCode()).as(mismatch.allOutput()).isEqualTo(1);
    assertThat(String.join("\n", mismatch.stderr())).contains("sha256 mismatch").contains(zeros);
    JsonNode status = fixture.plugin("wrong-digest");
    assertThat(status.get("state").asString()).isEqualTo("FAILED");
    assertThat(status.get("lastError").asString()).contains("sha256 mismatch");
    assertThat(fixture.chain(main)).containsExactly("kept");
  }

  private static String ports(int port) {
    return "match:\n- ports:\n  - number: " + port;
  }

  private static void applyOk(String yaml) throws Exception {
    GatewayProcess apply = fixture.apply(yaml);
    assertThat(apply.exitCode()).as("apply:\n%s\n%s", yaml, apply.allOutput()).isZero();
  }

  /** apply exits 1 with one "wasmgate: " error naming the field, and changes nothing. */
  private static void assertRejected(String yaml, String field, String detail) throws Exception {
    GatewayProcess apply = fixture.apply(yaml);
    String errors = String.join("\n", apply.stderr());
    assertThat(apply.exitCode()).as("apply:\n%s\n%s", yaml, apply.allOutput()).isEqualTo(1);
    assertThat(errors).as(yaml).startsWith("wasmgate: ").contains(field + ": ").contains(detail);
    assertThat(apply.stdout()).as(yaml).isEmpty();
  }
}
