package io.wasmgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.runtime.EngineKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AssemblyScript plugin (plugins/assemblyscript/conformance, Solo's proxy-runtime SDK, ABI
 * 0.2.0, start section, legacy malloc) held to the same behaviours as the Go and C plugins.
 */
class AssemblyScriptPluginTest {
  // The SDK finds its root context by plugin_root_id: the WasmPlugin's pluginName, as in Istio.
  @RegisterExtension static final Gateways GATEWAYS = new Gateways("as", Plugins.AS, "pluginName: conformance");

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void headerMapsAreReadEditedAndReplaced(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/headers",
        "x-mode", "headers", "test", "original", "x-remove-me", "1", "x-set-pairs", "1");

    String echoed = r.body().toLowerCase(Locale.ROOT);
    assertThat(echoed).contains("\"test\": \"best\"").contains("\"x-as-added\": \"yes\"")
        .contains("\"x-pairs-set\": \"yes\"").doesNotContain("x-remove-me").doesNotContain("x-set-pairs");
    // host, user-agent, x-mode, test, x-remove-me, x-set-pairs, plus the data plane's own headers.
    assertThat(Integer.parseInt(r.headers().firstValue("x-as-header-count").orElseThrow())).isGreaterThanOrEqualTo(6);
    // The suite's logback config lets the "wasm" logger through from TRACE (0).
    assertThat(r.headers().firstValue("x-as-log-level")).hasValue("0");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void bufferedRequestBodyIsPrependedAndAppended(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).send("POST", "/anything", "hello", "x-mode", "body");

    assertThat(r.body()).contains("\"data\": \"(as)hello[as]\"");
    assertThat(r.headers().firstValue("x-as-body-size")).hasValue("5");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void calloutResumesDeniesOrReportsFailure(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    HttpResponse<String> ok = gw.get("/headers", "x-mode", "callout", "x-callout-status", "200");
    HttpResponse<String> denied = gw.get("/headers", "x-mode", "callout", "x-callout-status", "418");
    HttpResponse<String> failed =
        gw.get("/headers", "x-mode", "callout", "x-callout-status", "200", "x-callout-cluster", "nowhere");
    HttpResponse<String> refused =
        gw.get("/headers", "x-mode", "callout", "x-callout-status", "200", "x-callout-cluster", "no-such-cluster");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body().toLowerCase(Locale.ROOT)).contains("\"x-as-callout\": \"200\"");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("as denied 418");
    // Envoy's router answers a refused connection itself: the callout gets a 503 response.
    assertThat(failed.statusCode()).isEqualTo(403);
    assertThat(failed.body()).isEqualTo("as denied 503");
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.body()).isEqualTo("as callout refused");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void closeStreamResetsTheRequestWithoutAnAnswer(EngineKind engine) throws Exception {
    String raw = GATEWAYS.on(engine).raw("GET /get HTTP/1.1\r\nhost: a\r\nx-mode: close");

    assertThat(raw).doesNotContain("200 OK");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void sharedDataCasCounterAndQueueDelivery(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long first = Long.parseLong(gw.get("/get", "x-mode", "shared").headers().firstValue("x-as-shared").orElseThrow());
    long second = Long.parseLong(gw.get("/get", "x-mode", "shared").headers().firstValue("x-as-shared").orElseThrow());

    gw.get("/get", "x-mode", "queue", "x-enqueue", "as-item-" + engine);

    assertThat(second).isEqualTo(first + 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(gw.get("/get", "x-mode", "queue").headers().firstValue("x-as-dequeued")).hasValue("as-item-" + engine));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void timersTick(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long first = ticks(gw);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticks(gw)).isGreaterThan(first + 2));
  }

  private static long ticks(ConformanceGateway gw) throws Exception {
    return Long.parseLong(gw.get("/get", "x-mode", "tick").headers().firstValue("x-as-ticks").orElse("0"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void metricsFollowEnvoysCounterAndGaugeRules(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long before = Math.max(0, Stats.counter(gw.stats(), "wasmcustom.conformance_as.requests"));

    HttpResponse<String> r = gw.get("/get", "x-mode", "metrics");

    assertThat(r.headers().firstValue("x-as-metrics").orElseThrow()).startsWith("c=" + (before + 1) + ";g=");
    assertThat(Stats.counter(gw.stats(), "wasmcustom.conformance_as.requests")).isEqualTo(before + 1);
    assertThat(Stats.histogramCount(gw.stats(), "wasmcustom.conformance_as.sizes")).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void propertiesForeignFunctionsRouteCacheAndClock(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get?as=1", "x-mode", "misc");

    assertThat(r.headers().firstValue("x-as-property")).hasValue("/get?as=1");
    assertThat(r.headers().firstValue("x-as-foreign")).hasValue("0");
    assertThat(r.headers().firstValue("x-as-unknown-foreign")).hasValue("1"); // NOT_FOUND
    assertThat(r.headers().firstValue("x-as-clear-route-cache")).hasValue("0");
    assertThat(r.headers().firstValue("x-as-clock")).hasValue("ok");
  }
}
