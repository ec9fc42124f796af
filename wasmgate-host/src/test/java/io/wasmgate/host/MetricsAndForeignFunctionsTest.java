package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.host.HostFeatureFixtures.MapMetrics;
import io.wasmgate.host.HostFeatureFixtures.ThreadedLog;
import io.wasmgate.runtime.EngineKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Metrics, foreign functions, node properties and the clock from the C metrics-foreign plugin. */
class MetricsAndForeignFunctionsTest {
  private final MapMetrics metrics = new MapMetrics();
  private final GatewayServices gateway =
      new GatewayServices(metrics, new NodeProperties("gw-node-1", "gw", Map.of("NAMESPACE", "edge")));

  private TestStream request(EngineKind engine) throws Exception {
    TestStream stream = TestStream.get("/");
    stream.propertiesWritable = true;
    try (PluginVm vm =
            HostFeatureFixtures.module(HostFeatureFixtures.C_METRICS_FOREIGN, engine)
                .start(Fixtures.spec(null), gateway);
        HttpContext context = vm.createHttpContext(stream)) {
      context.onRequestHeaders(stream.requestHeaders.size(), false);
    }
    return stream;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void metricsFollowEnvoysRules(EngineKind engine) throws Exception {
    try (ThreadedLog log = new ThreadedLog()) {
      HeaderMap headers = request(engine).requestHeaders;

      assertThat(headers.get("x-metrics"))
          .as("counter +1 OK, counter -1 BAD_ARGUMENT, gauge +5/-2 OK, histogram record OK,"
              + " histogram increment and get BAD_ARGUMENT, unknown id NOT_FOUND")
          .isEqualTo("0,2,0,0,0,2,2,1;counter=1;gauge=3");
      assertThat(log.lines("bad metric type")).extracting(ThreadedLog.Line::message)
          .containsExactly("bad metric type: status 2");
    }
    assertThat(metrics.counters.get("c_requests").sum()).isEqualTo(1);
    assertThat(metrics.gauges.get("c_inflight").get()).isEqualTo(3);
    assertThat(metrics.histograms).isEqualTo(Map.of("c_sizes", List.of(42L)));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void foreignFunctionsAnswerAsEnvoys(EngineKind engine) throws Exception {
    TestStream stream = request(engine);

    assertThat(stream.requestHeaders.get("x-foreign"))
        .as("declare_property OK / truncated BAD_ARGUMENT, set_envoy_filter_state OK,"
            + " clear_route_cache OK, unknown NOT_FOUND, proxy_clear_route_cache OK")
        .isEqualTo("0,2,0,0,1,0");
    assertThat(stream.properties.get(List.of("key1"))).asString().isEqualTo("v");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void nodePropertiesAndTheClockAreAvailable(EngineKind engine) throws Exception {
    HeaderMap headers = request(engine).requestHeaders;

    assertThat(headers.get("x-node")).isEqualTo("gw-node-1");
    assertThat(headers.get("x-clock")).isEqualTo("ok");
  }
}
