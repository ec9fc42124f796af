package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.plugin.ResourceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasmPluginParserTest {

  @Test
  void readsEveryIstioField() throws Exception {
    String yaml = """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata:
          name: auth
          namespace: istio-system
          labels: {team: edge}
          annotations: {note: hi}
          resourceVersion: "42"
        spec:
          selector:
            matchLabels: {istio: ingressgateway}
          url: file:///opt/plugins/auth.wasm
          sha256: %s
          imagePullPolicy: IfNotPresent
          imagePullSecret: pull-secret
          pluginName: auth_root
          phase: AUTHZ
          priority: -7
          failStrategy: FAIL_OPEN
          pluginConfig:
            header: x-auth
            allowed: [a, b]
            nested: {n: 1, ok: true}
          vmConfig:
            env:
            - name: MODE
              value: strict
            - name: HOME
              valueFrom: HOST
          match:
          - mode: CLIENT
            ports: [{number: 8080}, {number: 8443}]
          type: HTTP
        """.formatted("a".repeat(64));

    List<ParsedResource> parsed = WasmPluginParser.parse(yaml, "auth.yaml");

    assertThat(parsed).hasSize(1);
    WasmPlugin plugin = parsed.get(0).plugin();
    assertThat(parsed.get(0).warnings()).isEmpty();
    assertThat(plugin.metadata()).isEqualTo(
        new ObjectMeta("auth", "istio-system", Map.of("team", "edge"), Map.of("note", "hi")));
    assertThat(plugin.qualifiedName()).isEqualTo("istio-system.auth");
    assertThat(plugin.origin()).isEqualTo("auth.yaml document 1");
    WasmPluginSpec spec = plugin.spec();
    assertThat(spec.selector()).containsExactly(Map.entry("istio", "ingressgateway"));
    assertThat(spec.module().path()).isEqualTo(Path.of("/opt/plugins/auth.wasm"));
    assertThat(spec.sha256()).isEqualTo("a".repeat(64));
    assertThat(spec.imagePullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(spec.imagePullSecret()).isEqualTo("pull-secret");
    assertThat(spec.pluginName()).isEqualTo("auth_root");
    assertThat(spec.phase()).isEqualTo(PluginPhase.AUTHZ);
    assertThat(spec.priority()).isEqualTo(-7);
    assertThat(spec.failStrategy()).isEqualTo(FailStrategy.FAIL_OPEN);
    assertThat(spec.pluginConfig())
        .isEqualTo("{\"header\":\"x-auth\",\"allowed\":[\"a\",\"b\"],\"nested\":{\"n\":1,\"ok\":true}}");
    assertThat(spec.env()).containsExactly(
        new EnvVar("MODE", EnvValueSource.INLINE, "strict"), new EnvVar("HOME", EnvValueSource.HOST, ""));
    assertThat(spec.match()).containsExactly(new TrafficSelector(WorkloadMode.CLIENT, List.of(8080, 8443)));
    assertThat(spec.type()).isEqualTo(PluginType.HTTP);
  }

  @Test
  void appliesIstioDefaults() throws Exception {
    WasmPluginSpec spec = WasmPluginParser.parse("""
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: minimal}
        spec: {url: file:///p.wasm}
        """, "x.yaml").get(0).plugin().spec();

    assertThat(spec.phase()).isEqualTo(PluginPhase.UNSPECIFIED_PHASE);
    assertThat(spec.failStrategy()).isEqualTo(FailStrategy.FAIL_CLOSE);
    assertThat(spec.imagePullPolicy()).isEqualTo(PullPolicy.UNSPECIFIED_POLICY);
    assertThat(spec.type()).isEqualTo(PluginType.UNSPECIFIED_PLUGIN_TYPE);
    assertThat(spec.priority()).isNull();
    assertThat(spec.pluginConfig()).isNull();
    assertThat(spec.selector()).isNull();
    assertThat(spec.pluginName()).isNull();
    assertThat(spec.env()).isEmpty();
    assertThat(spec.match()).isEmpty();
  }

  @Test
  void readsMultiDocumentFilesAndSkipsEmptyDocuments() throws Exception {
    String yaml = "---\n" + Yaml.plugin("default", "one") + "---\n---\n" + Yaml.plugin("edge", "two");

    List<ParsedResource> parsed = WasmPluginParser.parse(yaml, "many.yaml");

    assertThat(parsed).extracting(p -> p.plugin().key()).containsExactly("default/one", "edge/two");
    assertThat(parsed.get(0).plugin().metadata().namespace()).isEqualTo("default");
  }

  @Test
  void namespaceDefaultsToDefault() throws Exception {
    WasmPlugin plugin = WasmPluginParser.parse("""
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: a}
        spec: {url: file:///p.wasm}
        """, "x.yaml").get(0).plugin();

    assertThat(plugin.key()).isEqualTo("default/a");
  }

  @Test
  void errorNamesSourceDocumentResourceAndField() {
    String yaml = Yaml.plugin("default", "first") + "---\n" + Yaml.plugin("istio-system", "auth", "phase: AUTHX");

    assertThatThrownBy(() -> WasmPluginParser.parse(yaml, "plugins/auth.yaml"))
        .isInstanceOf(ResourceException.class)
        .hasMessage("plugins/auth.yaml document 2 (istio-system/auth): spec.phase: unknown value \"AUTHX\""
            + " (expected one of AUTHN, AUTHZ, STATS, UNSPECIFIED_PHASE)");
  }

  @Test
  void reportsEveryErrorOfEveryDocument() {
    String yaml = Yaml.plugin("default", "a", "priority: high", "failStrategy: FAIL_SOMETIMES")
        + "---\n" + Yaml.plugin("default", "b", "sha256: abc");

    assertThatThrownBy(() -> WasmPluginParser.parse(yaml, "f.yaml"))
        .hasMessageContaining("f.yaml document 1 (default/a): spec.priority: expected an integer")
        .hasMessageContaining("f.yaml document 1 (default/a): spec.failStrategy: unknown value \"FAIL_SOMETIMES\""
            + " (expected one of FAIL_CLOSE, FAIL_OPEN, FAIL_RELOAD)")
        .hasMessageContaining("f.yaml document 2 (default/b): spec.sha256: must be 64 lower-case hex");
  }

  @Test
  void warnsAboutUnknownFieldsByPathAndIgnoredVerificationKey() throws Exception {
    String yaml = Yaml.plugin("default", "w", "phaze: AUTHN", "verificationKey: key", "vmConfig: {env: [{name: A, valu: x}]}")
        + "extra: 1\n";

    ParsedResource parsed = WasmPluginParser.parse(yaml, "w.yaml").get(0);

    assertThat(parsed.warnings()).containsExactlyInAnyOrder(
        "w.yaml document 1 (default/w): extra: unknown field",
        "w.yaml document 1 (default/w): spec.phaze: unknown field",
        "w.yaml document 1 (default/w): spec.vmConfig.env[0].valu: unknown field",
        "w.yaml document 1 (default/w): spec.verificationKey: ignored: module signature verification is not supported");
  }

  @Test
  void acceptsTargetRefsWithoutSelector() throws Exception {
    WasmPluginSpec spec = WasmPluginParser.parse(Yaml.plugin("default", "t",
        "targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]"), "t.yaml")
        .get(0).plugin().spec();

    assertThat(spec.targetRefs()).containsExactly(
        new PolicyTargetReference("gateway.networking.k8s.io", "Gateway", "edge", null));
  }

  @Test
  void refusesInvalidYamlWithItsLine() {
    assertThatThrownBy(() -> WasmPluginParser.parse("kind: WasmPlugin\nmetadata: [unclosed\n", "bad.yaml"))
        .isInstanceOf(ResourceException.class)
        .hasMessageStartingWith("bad.yaml: invalid YAML at line");
  }

  @Test
  void refusesDuplicateKeys() {
    assertThatThrownBy(() -> WasmPluginParser.parse(Yaml.plugin("default", "d", "phase: AUTHN", "phase: STATS"), "d.yaml"))
        .hasMessageContaining("d.yaml: invalid YAML")
        .hasMessageContaining("phase");
  }

  @Test
  void keysReadOnlyIdentityForDelete() throws Exception {
    String yaml = Yaml.plugin("default", "one", "url: oci://no/longer/valid") + "---\n"
        + "apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: two, namespace: edge}\n";

    assertThat(WasmPluginParser.keys(yaml, "req")).containsExactly("default/one", "edge/two");
    assertThatThrownBy(() -> WasmPluginParser.keys("kind: Deployment\nmetadata: {name: x}\n", "req"))
        .hasMessage("req document 1 (default/x): kind: unsupported kind \"Deployment\" (expected WasmPlugin)");
  }

  @Test
  void serialisesTheManifestForTheStore() throws Exception {
    ParsedResource parsed = WasmPluginParser.parse(Yaml.plugin("default", "s", "phase: STATS"), "s.yaml").get(0);

    String stored = WasmPluginParser.toYaml(parsed.manifest());

    assertThat(WasmPluginParser.parse(stored, "again.yaml").get(0).plugin().spec()).isEqualTo(parsed.plugin().spec());
  }
}
