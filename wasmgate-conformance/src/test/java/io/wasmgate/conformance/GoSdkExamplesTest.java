package io.wasmgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.runtime.EngineKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What proxy-wasm-go-sdk's examples (http_headers, http_body, http_auth_random, shared_data,
 * shared_queue, metrics, properties, foreign functions, timers) document Envoy doing, reproduced
 * by our own Go plugin (plugins/go/conformance, one x-mode per example) through the gateway.
 */
class GoSdkExamplesTest {
  @RegisterExtension
  static final Gateways GATEWAYS =
      new Gateways("go", Plugins.GO, "pluginConfig: {header: x-configured, value: 'yes', tick_ms: 20}");

  static String info(String message) {
    return GATEWAYS.logPrefix("INFO") + message;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpHeadersReplacesLogsAndAddsHeadersLikeTheExample(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    HttpResponse<String> r = gw.get("/headers", "x-mode", "headers", "test", "original", "x-remove-me", "1");

    String echoed = r.body().toLowerCase(Locale.ROOT);
    assertThat(echoed).contains("\"test\": \"best\"").doesNotContain("x-remove-me").doesNotContain("original");
    assertThat(r.headers().firstValue("x-proxy-wasm-go-sdk-example")).hasValue("http_headers");
    assertThat(r.headers().firstValue("x-configured")).hasValue("yes");
    await().untilAsserted(() -> assertThat(GATEWAYS.log().lines())
        .contains(info("header from config: x-configured = yes"))
        .contains(info("request header --> test: best"))
        .contains(info("response header <-- x-proxy-wasm-go-sdk-example: http_headers"))
        .anyMatch(l -> l.matches(info("\\d+ finished"))));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void wholeRequestHeaderMapCanBeReplaced(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    String echoed = gw.get("/headers", "x-mode", "headers", "x-set-pairs", "1", "x-kept", "k").body();

    assertThat(echoed.toLowerCase(Locale.ROOT))
        .contains("\"x-pairs-set\": \"yes\"").contains("\"x-kept\": \"k\"").doesNotContain("x-set-pairs");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpBodyAppendsPrependsAndReplacesTheRequestBody(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    assertThat(gw.send("POST", "/anything", "hello", "x-mode", "body", "buffer-operation", "append").body())
        .contains("\"data\": \"hello[this is appended body]\"");
    assertThat(gw.send("POST", "/anything", "hello", "x-mode", "body", "buffer-operation", "prepend").body())
        .contains("\"data\": \"[this is prepended body]hello\"");
    assertThat(gw.send("POST", "/anything", "hello", "x-mode", "body").body())
        .contains("\"data\": \"[this is replaced body]\"");
    assertThat(GATEWAYS.log().lines()).contains(info("original request body: hello"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpBodyRewritesTheResponseBodyOrRefusesRequestsWithoutOne(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    HttpResponse<String> replaced = gw.send("POST", "/anything", "hi",
        "x-mode", "body", "buffer-replace-at", "response", "buffer-operation", "replace");
    String noBody = gw.raw("GET /get HTTP/1.1\r\nhost: a\r\nx-mode: body");

    assertThat(replaced.body()).isEqualTo("[this is replaced body]");
    assertThat(noBody).startsWith("HTTP/1.1 400 ").endsWith("\r\n\r\ncontent must be provided");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpBodyEchoAnswersWithTheRequestBody(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).send("POST", "/status/500", "echo me", "x-mode", "echo");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("echo me");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpAuthRandomGrantsOrForbidsByTheHashOfTheCalloutAnswer(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    HttpClient direct = HttpClient.newHttpClient();
    List<Integer> statuses = new ArrayList<>();
    for (int seed = 1; seed <= 6; seed++) {
      String path = "/bytes/16?seed=" + seed;
      byte[] answer = direct.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpbinPort() + path)).build(),
          BodyHandlers.ofByteArray()).body();
      boolean granted = Fnv.hash32a(answer) % 2 == 0;

      HttpResponse<String> r = gw.get(path, "x-mode", "auth_random");

      statuses.add(r.statusCode());
      if (granted) {
        assertThat(r.statusCode()).as("seed %d", seed).isEqualTo(200);
      } else {
        assertThat(r.statusCode()).as("seed %d", seed).isEqualTo(403);
        assertThat(r.body()).isEqualTo("access forbidden");
        assertThat(r.headers().firstValue("powered-by")).hasValue("proxy-wasm-go-sdk!!");
      }
    }
    assertThat(statuses).as("both outcomes exercised").contains(200, 403);
    assertThat(GATEWAYS.log().lines()).contains(info("http call dispatched to httpbin"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void sharedDataCountsEveryRequestAcrossWorkers(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(Long.parseLong(gw.get("/get", "x-mode", "shared_data").headers().firstValue("x-shared-value").orElseThrow()));
    }

    // Each request adds exactly one to the same counter, whichever worker VM serves it.
    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(3) - seen.get(0)).isEqualTo(3);
    assertThat(GATEWAYS.log().lines()).contains(info("shared value: " + seen.get(3)));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void sharedQueueDeliversEnqueuedItemsToTheRegisteringRootContext(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    gw.get("/get", "x-mode", "queue", "x-enqueue", "item-" + engine);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(gw.get("/get", "x-mode", "queue").headers().firstValue("x-last-dequeued")).hasValue("item-" + engine));
    assertThat(GATEWAYS.log().lines()).contains(info("dequeued data: item-" + engine));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void metricsAreCountedInTheGatewayStatsUnderWasmcustom(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    List<String> counts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      counts.add(gw.get("/get", "x-mode", "metrics").headers().firstValue("x-request-count").orElseThrow());
    }

    // Metrics are per gateway: both worker VMs add to the one stat Envoy shows as wasmcustom.<name>.
    assertThat(counts).containsExactly("1", "2", "3");
    assertThat(Stats.counter(gw.stats(), "wasmcustom.conformance_go.requests")).isEqualTo(3);
    await().untilAsserted(() -> assertThat(Stats.gauge(gw.stats(), "wasmcustom.conformance_go.inflight")).isZero());
    assertThat(Stats.histogramCount(gw.stats(), "wasmcustom.conformance_go.header_count")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void propertiesReadRequestPluginAndNodeAttributes(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get?x=1", "x-mode", "properties", "x-property",
        "request.path,request.method,plugin_name,node.id,destination.port,no.such.property");

    assertThat(r.headers().firstValue("x-prop-request.path")).hasValue("/get?x=1");
    assertThat(r.headers().firstValue("x-prop-request.method")).hasValue("GET");
    assertThat(r.headers().firstValue("x-prop-plugin_name")).hasValue("default.go");
    assertThat(r.headers().firstValue("x-prop-node.id")).hasValue(ConformanceGateway.NODE.id());
    assertThat(r.headers().firstValue("x-prop-destination.port")).hasValue(Integer.toString(GATEWAYS.on(engine).port()));
    assertThat(r.headers().firstValue("x-prop-no.such.property")).hasValueSatisfying(v -> assertThat(v).contains("not found"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aPropertyThePluginSetIsReadBackLaterInTheStream(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get", "x-mode", "properties", "x-property", "conformance.language");

    assertThat(r.headers().firstValue("x-prop-conformance.language")).hasValue("go");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void foreignFunctionsAnswerKnownNamesAndRefuseUnknownOnes(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get", "x-mode", "foreign");

    assertThat(r.headers().firstValue("x-foreign-clear-route-cache")).hasValue("ok");
    assertThat(r.headers().firstValue("x-foreign-unknown")).hasValueSatisfying(v -> assertThat(v).contains("not found"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void timersKeepTicking(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long first = ticks(gw);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticks(gw)).isGreaterThan(first + 2));
  }

  private static long ticks(ConformanceGateway gw) throws Exception {
    return Long.parseLong(gw.get("/get", "x-mode", "tick").headers().firstValue("x-ticks").orElse("0"));
  }
}
