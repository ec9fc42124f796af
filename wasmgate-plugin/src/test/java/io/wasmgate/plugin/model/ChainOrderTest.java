package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChainOrderTest {

  private static WasmPlugin plugin(String namespace, String name, String... specLines) throws Exception {
    return WasmPluginParser.parse(Yaml.plugin(namespace, name, specLines), "o.yaml").get(0).plugin();
  }

  @Test
  void phaseThenPriorityDescendingThenNamespaceAndName() throws Exception {
    List<WasmPlugin> expected = List.of(
        plugin("default", "authn-high", "phase: AUTHN", "priority: 100"),
        plugin("default", "authn-low", "phase: AUTHN", "priority: -5"),
        plugin("default", "authn-unset", "phase: AUTHN"),
        plugin("a-ns", "authz-tie-b", "phase: AUTHZ", "priority: 10"),
        plugin("b-ns", "authz-tie-a", "phase: AUTHZ", "priority: 10"),
        plugin("b-ns", "authz-tie-c", "phase: AUTHZ", "priority: 10"),
        plugin("default", "authz-min", "phase: AUTHZ", "priority: -2147483648"),
        plugin("default", "authz-unset", "phase: AUTHZ"),
        plugin("default", "stats", "phase: STATS", "priority: 1000"),
        plugin("default", "unspecified-high", "priority: 5000"),
        plugin("default", "unspecified-explicit", "phase: UNSPECIFIED_PHASE"));

    for (long seed = 0; seed < 5; seed++) {
      List<WasmPlugin> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(ChainOrder.ORDER);
      assertThat(shuffled).extracting(WasmPlugin::key)
          .containsExactlyElementsOf(expected.stream().map(WasmPlugin::key).toList());
    }
  }
}
