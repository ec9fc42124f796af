package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.plugin.ResourceException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule gives an error naming the field path; one row per rule. */
class FieldValidationTest {

  static Stream<Arguments> invalidSpecs() {
    String env257 = "vmConfig: {env: [" + "{name: A},".repeat(257).replaceAll(",$", "") + "]}";
    return Stream.of(
        Arguments.of("selector: {matchLabels: {app: x}}|targetRefs: [{kind: Gateway, name: g}]",
            "spec.selector: selector and targetRefs are mutually exclusive"),
        Arguments.of("selector: {matchLabels: [a]}", "spec.selector.matchLabels: expected a mapping, got a list"),
        Arguments.of("selector: {matchLabels: {app: {x: 1}}}", "spec.selector.matchLabels.app: expected a string, got a mapping"),
        Arguments.of("targetRefs: [{kind: Gateway}]", "spec.targetRefs[0].name: required"),
        Arguments.of("targetRefs: [{name: g, kind: \"\"}]", "spec.targetRefs[0].kind: must not be empty"),
        Arguments.of("targetRef: {kind: Gateway, name: a}|targetRefs: [{kind: Gateway, name: b}]",
            "spec.targetRef: targetRef and targetRefs are mutually exclusive"),
        Arguments.of("url: \"\"", "spec.url: must not be empty"),
        Arguments.of("url: 42", "spec.url: expected a string, got number 42"),
        Arguments.of("url: oci://ghcr.io/Org/plugin:v1", "spec.url: invalid repository 'Org/plugin' (lower-case path expected)"),
        Arguments.of("url: oci://ghcr.io/org/plugin@sha256:abc", "spec.url: invalid digest 'sha256:abc'"),
        Arguments.of("url: https://user:pw@example.com/p.wasm",
            "spec.url: credentials in the URL are not supported: \"https://example.com/p.wasm\""),
        Arguments.of("url: http:///p.wasm", "spec.url: URL \"http:///p.wasm\" has no host"),
        Arguments.of("url: plugin.wasm", "spec.url: OCI reference needs host/repository: plugin.wasm (a URL without a"
            + " scheme is an OCI image reference, as in Istio; write file:///absolute/path.wasm or ./relative/path.wasm"),
        Arguments.of("url: ftp://host/p.wasm", "spec.url: unsupported scheme \"ftp://\""),
        Arguments.of("url: file://", "spec.url: file:// URL has no path"),
        Arguments.of("sha256: " + "A".repeat(64), "spec.sha256: must be 64 lower-case hex characters"),
        Arguments.of("sha256: " + "a".repeat(63), "spec.sha256: must be 64 lower-case hex characters"),
        Arguments.of("imagePullPolicy: IF_NOT_PRESENT",
            "spec.imagePullPolicy: unknown value \"IF_NOT_PRESENT\" (expected one of Always, IfNotPresent, UNSPECIFIED_POLICY)"),
        Arguments.of("pluginConfig: [1, 2]", "spec.pluginConfig: expected a mapping (a JSON object)"),
        Arguments.of("pluginConfig: text", "spec.pluginConfig: expected a mapping (a JSON object)"),
        Arguments.of("pluginName: \"\"", "spec.pluginName: must be 1 to 256 characters, got 0"),
        Arguments.of("pluginName: " + "n".repeat(257), "spec.pluginName: must be 1 to 256 characters, got 257"),
        Arguments.of("phase: authn", "spec.phase: unknown value \"authn\" (expected one of AUTHN, AUTHZ, STATS, UNSPECIFIED_PHASE)"),
        Arguments.of("priority: 1.5", "spec.priority: expected an integer, got number 1.5"),
        Arguments.of("priority: 2147483648", "spec.priority: 2147483648 is out of the int32 range"),
        Arguments.of("failStrategy: FAIL_OPEN_PLEASE",
            "spec.failStrategy: unknown value \"FAIL_OPEN_PLEASE\" (expected one of FAIL_CLOSE, FAIL_OPEN, FAIL_RELOAD)"),
        Arguments.of("vmConfig: {env: [{value: x}]}", "spec.vmConfig.env[0].name: required"),
        Arguments.of("vmConfig: {env: [{name: A, valueFrom: FILE}]}",
            "spec.vmConfig.env[0].valueFrom: unknown value \"FILE\" (expected one of HOST, INLINE)"),
        Arguments.of("vmConfig: {env: [{name: A, valueFrom: HOST, value: x}]}",
            "spec.vmConfig.env[0].value: must be empty when valueFrom is HOST"),
        Arguments.of("vmConfig: {env: [{name: A}, {name: A}]}", "spec.vmConfig.env[1].name: duplicate environment variable \"A\""),
        Arguments.of(env257, "spec.vmConfig.env: at most 256 items, got 257"),
        Arguments.of("vmConfig: {env: {name: A}}", "spec.vmConfig.env: expected a list, got a mapping"),
        Arguments.of("match: [{mode: BOTH}]",
            "spec.match[0].mode: unknown value \"BOTH\" (expected one of CLIENT, CLIENT_AND_SERVER, SERVER, UNDEFINED)"),
        Arguments.of("match: [{ports: [{number: 0}]}]", "spec.match[0].ports[0].number: must be between 1 and 65535, got 0"),
        Arguments.of("match: [{ports: [{number: 70000}]}]", "spec.match[0].ports[0].number: must be between 1 and 65535, got 70000"),
        Arguments.of("match: [{ports: [{}]}]", "spec.match[0].ports[0].number: required"),
        Arguments.of("match: [8080]", "spec.match[0]: expected a mapping, got number 8080"),
        Arguments.of("type: NETWORK", "spec.type: NETWORK plugins are not supported: this gateway runs HTTP plugins only"),
        Arguments.of("type: UDP", "spec.type: unknown value \"UDP\" (expected one of HTTP, NETWORK, UNSPECIFIED_PLUGIN_TYPE)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidSpecs")
  void specFieldErrorNamesThePath(String specLines, String expected) {
    String yaml = Yaml.plugin("edge", "p", specLines.split("\\|"));

    assertThatThrownBy(() -> WasmPluginParser.parse(yaml, "p.yaml"))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining("p.yaml document 1 (edge/p): " + expected);
  }

  static Stream<Arguments> invalidDocuments() {
    String v = "apiVersion: extensions.istio.io/v1alpha1\n";
    return Stream.of(
        Arguments.of("- a\n- b\n", "d.yaml document 1: document: expected a mapping (a Kubernetes resource)"),
        Arguments.of("kind: WasmPlugin\nmetadata: {name: a}\nspec: {url: file:///p.wasm}\n",
            "d.yaml document 1 (default/a): apiVersion: required"),
        Arguments.of("apiVersion: extensions.istio.io/v1beta9\nkind: WasmPlugin\nmetadata: {name: a}\n",
            "d.yaml document 1 (default/a): apiVersion: unsupported apiVersion \"extensions.istio.io/v1beta9\""
                + " (expected extensions.istio.io/v1alpha1)"),
        Arguments.of(v + "kind: EnvoyFilter\nmetadata: {name: a}\n",
            "d.yaml document 1 (default/a): kind: unsupported kind \"EnvoyFilter\" (expected WasmPlugin)"),
        Arguments.of(v + "metadata: {name: a}\n", "d.yaml document 1 (default/a): kind: required"),
        Arguments.of(v + "kind: WasmPlugin\nspec: {url: file:///p.wasm}\n", "d.yaml document 1: metadata.name: required"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: Bad_Name}\nspec: {url: file:///p.wasm}\n",
            "metadata.name: \"Bad_Name\" is not a valid name"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: a, namespace: a.b}\nspec: {url: file:///p.wasm}\n",
            "metadata.namespace: \"a.b\" is not a valid namespace"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: a}\n", "d.yaml document 1 (default/a): spec: required"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: a}\nspec: {}\n", "d.yaml document 1 (default/a): spec.url: required"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: a}\nspec: [x]\n", "spec: expected a mapping, got a list"),
        Arguments.of(v + "kind: WasmPlugin\nmetadata: {name: a, labels: [x]}\nspec: {url: file:///p.wasm}\n",
            "metadata.labels: expected a mapping, got a list"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidDocuments")
  void documentErrorNamesThePath(String yaml, String expected) {
    assertThatThrownBy(() -> WasmPluginParser.parse(yaml, "d.yaml"))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining(expected);
  }
}
