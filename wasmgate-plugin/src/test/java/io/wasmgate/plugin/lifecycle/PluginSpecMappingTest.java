package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.VmLimits;
import io.wasmgate.plugin.model.WasmPlugin;
import io.wasmgate.plugin.model.WasmPluginParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a WasmPlugin becomes the host's PluginSpec: name, root id, configuration, environment. */
class PluginSpecMappingTest {
  private final Map<String, String> hostEnvironment = Map.of("REGION", "eu-west", "SHARED", "from-host");
  private final PluginLoader loader = new PluginLoader(
      (wasm, sha256, mayTier) -> { throw new AssertionError("not loading modules here"); }, HostServices.NONE, 1, hostEnvironment::get,
      new VmLimits(Duration.ofMillis(300), 32L << 20), null);

  private PluginSpec map(String specYaml) throws Exception {
    WasmPlugin plugin = WasmPluginParser.parse("""
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: auth, namespace: istio-system}
        spec:
          url: file:///p.wasm
        """ + specYaml, "s.yaml").get(0).plugin();
    return loader.pluginSpec(plugin);
  }

  @Test
  void namesThePluginAsIstioDoes() throws Exception {
    PluginSpec spec = map("  pluginName: auth_root\n");

    assertThat(spec.name()).isEqualTo("istio-system.auth");
    assertThat(spec.rootId()).isEqualTo("auth_root");
    assertThat(spec.vmId()).isEmpty();
    assertThat(spec.configuration()).isEmpty();
  }

  @Test
  void pluginConfigBecomesCompactJson() throws Exception {
    PluginSpec spec = map("  pluginConfig:\n    tag: a b\n    list: [1, 2]\n");

    assertThat(new String(spec.configuration(), StandardCharsets.UTF_8)).isEqualTo("{\"tag\":\"a b\",\"list\":[1,2]}");
  }

  @Test
  void inlineAndHostEnvironment() throws Exception {
    PluginSpec spec = map("""
          vmConfig:
            env:
            - {name: MODE, value: strict}
            - {name: EMPTY}
            - {name: REGION, valueFrom: HOST}
            - {name: NOT_SET_ON_HOST, valueFrom: HOST}
        """);

    assertThat(spec.env()).containsExactlyInAnyOrderEntriesOf(Map.of("MODE", "strict", "EMPTY", "", "REGION", "eu-west"));
  }

  @Test
  void annotationsOverrideTheGatewayDefaultLimits() throws Exception {
    WasmPlugin plugin = WasmPluginParser.parse("""
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata:
          name: auth
          annotations: {wasmgate.io/callback-timeout: 50ms}
        spec: {url: file:///p.wasm}
        """, "s.yaml").get(0).plugin();

    assertThat(loader.pluginSpec(plugin).limits()).isEqualTo(new VmLimits(Duration.ofMillis(50), 32L << 20));
    assertThat(map("").limits()).isEqualTo(new VmLimits(Duration.ofMillis(300), 32L << 20));
  }
}
