package io.wasmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatsWritersTest {
  private final StatsStore stats = new StatsStore();

  @BeforeEach
  void fill() {
    stats.counter("wasm.plugin.calls", Map.of("plugin", "istio-system.auth")).add(3);
    stats.counter("http.downstream_rq_total").add(12);
    stats.gauge("wasm.vm.active").set(2);
    stats.counter("wasmcustom.auth_denied", Map.of("reason", "missing \"token\"")).add(1);
  }

  @Test
  void envoyTextIsSortedNameValueLinesWithTagsFolded() {
    assertThat(StatsWriters.envoyText(stats, null)).isEqualTo("""
        http.downstream_rq_total: 12
        wasm.plugin.calls.plugin.istio-system.auth: 3
        wasm.vm.active: 2
        wasmcustom.auth_denied.reason.missing "token": 1
        """);
  }

  @Test
  void filterKeepsStatsWhoseNameContainsAMatch() {
    assertThat(StatsWriters.envoyText(stats, Pattern.compile("^wasm\\.")))
        .isEqualTo("wasm.plugin.calls.plugin.istio-system.auth: 3\nwasm.vm.active: 2\n");
    assertThat(StatsWriters.envoyText(stats, Pattern.compile("nothing-matches"))).isEmpty();
  }

  @Test
  void jsonListsNameAndValueObjects() {
    JsonNode json = new JsonMapper().readTree(StatsWriters.envoyJson(stats, Pattern.compile("vm|http")));

    assertThat(json.get("stats")).hasSize(2);
    assertThat(json.get("stats").get(0).get("name").asString()).isEqualTo("http.downstream_rq_total");
    assertThat(json.get("stats").get(0).get("value").asLong()).isEqualTo(12);
    assertThat(json.get("stats").get(1).get("name").asString()).isEqualTo("wasm.vm.active");
  }

  @Test
  void histogramsExportCumulativeBucketsSumAndCount() {
    StatsStore store = new StatsStore();
    StatsHistogram sizes = store.histogram("wasmcustom.sizes");
    sizes.record(3);
    sizes.record(42);
    sizes.record(42);

    String prometheus = StatsWriters.prometheus(store, null);
    assertThat(prometheus).startsWith("# TYPE sizes histogram\nsizes_bucket{le=\"0.5\"} 0\n");
    assertThat(prometheus).contains(
        "sizes_bucket{le=\"5\"} 1\n", "sizes_bucket{le=\"25\"} 1\n", "sizes_bucket{le=\"50\"} 3\n",
        "sizes_bucket{le=\"+Inf\"} 3\nsizes_sum 87\nsizes_count 3\n");
    assertThat(StatsWriters.envoyText(store, null)).isEqualTo("wasmcustom.sizes: count=3 sum=87\n");
  }

  @Test
  void prometheusHasTypeLinesLabelsAndEnvoyNames() {
    assertThat(StatsWriters.prometheus(stats, null)).isEqualTo("""
        # TYPE auth_denied counter
        auth_denied{reason="missing \\"token\\""} 1
        # TYPE envoy_http_downstream_rq_total counter
        envoy_http_downstream_rq_total 12
        # TYPE envoy_wasm_plugin_calls counter
        envoy_wasm_plugin_calls{plugin="istio-system.auth"} 3
        # TYPE envoy_wasm_vm_active gauge
        envoy_wasm_vm_active 2
        """);
  }

  @Test
  void prometheusGroupsTaggedSeriesUnderOneTypeLine() {
    stats.counter("wasm.plugin.calls", Map.of("plugin", "default.other")).add(5);

    String text = StatsWriters.prometheus(stats, Pattern.compile("plugin"));

    assertThat(text).isEqualTo("""
        # TYPE envoy_wasm_plugin_calls counter
        envoy_wasm_plugin_calls{plugin="default.other"} 5
        envoy_wasm_plugin_calls{plugin="istio-system.auth"} 3
        """);
  }

  @Test
  void prometheusKeepsACounterAndAGaugeWithTheSameSanitizedNameApart() {
    StatsStore clash = new StatsStore();
    clash.counter("a.b").add(1);
    clash.gauge("a_b").set(2);

    assertThat(StatsWriters.prometheus(clash, null)).isEqualTo("""
        # TYPE envoy_a_b counter
        envoy_a_b 1
        # TYPE envoy_a_b_gauge gauge
        envoy_a_b_gauge 2
        """);
  }
}
