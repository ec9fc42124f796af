package io.wasmgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.proxy.it.GrpcTestServer;
import io.wasmgate.runtime.EngineKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Rust plugin (plugins/rust/conformance, proxy-wasm Rust SDK, ABI 0.2.1, {@code _initialize},
 * {@code proxy_on_memory_allocate}) held to the same behaviours as the Go, C and AssemblyScript
 * plugins, plus an SDK-made gRPC callout to a real grpc-java server.
 */
class RustPluginTest {
  // @AutoClose runs after every registered extension: the server stops after the gateways.
  @AutoClose static final GrpcTestServer GRPC = GrpcTestServer.start();

  @RegisterExtension
  static final Gateways GATEWAYS =
      new Gateways("rust", Plugins.RUST, "pluginConfig: {greeting: hello}").withGrpcCluster(GRPC);

  static String info(String message) {
    return GATEWAYS.logPrefix("INFO") + message;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void headerMapsAreReadCountedAndEdited(EngineKind engine) throws Exception {
    HttpResponse<String> r =
        GATEWAYS.on(engine).get("/headers", "x-mode", "headers", "test", "original", "x-remove-me", "1");

    String echoed = r.body().toLowerCase(Locale.ROOT);
    assertThat(echoed).contains("\"test\": \"best\"").contains("\"x-rust-added\": \"yes\"")
        .doesNotContain("x-remove-me").doesNotContain("original");
    assertThat(r.headers().firstValue("x-rust-test-was")).hasValue("original");
    // The count the callback got is the number of pairs the map holds: host, user-agent, x-mode,
    // test, x-remove-me and the pseudo-headers at least.
    String count = r.headers().firstValue("x-rust-header-count").orElseThrow();
    assertThat(r.headers().firstValue("x-rust-pairs")).hasValue(count);
    assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(5);
    await().untilAsserted(() ->
        assertThat(GATEWAYS.log().lines()).contains(info("rust request header test: original -> best")));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void wholeRequestHeaderMapIsReplaced(EngineKind engine) throws Exception {
    String echoed = GATEWAYS.on(engine).get("/headers", "x-mode", "headers", "x-set-pairs", "1", "x-kept", "k").body();

    assertThat(echoed.toLowerCase(Locale.ROOT))
        .contains("\"x-pairs-set\": \"yes\"").contains("\"x-kept\": \"k\"").doesNotContain("x-set-pairs");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void bufferedRequestBodyIsPrependedAndAppended(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).send("POST", "/anything", "hello", "x-mode", "body");

    assertThat(r.body()).contains("\"data\": \"(rust)hello[rust]\"");
    assertThat(r.headers().firstValue("x-rust-body-size")).hasValue("5");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void httpCalloutResumesDeniesOrReportsFailure(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    HttpResponse<String> ok = gw.get("/headers", "x-mode", "callout", "x-callout-status", "200");
    HttpResponse<String> denied = gw.get("/headers", "x-mode", "callout", "x-callout-status", "418");
    HttpResponse<String> unreachable =
        gw.get("/headers", "x-mode", "callout", "x-callout-status", "200", "x-callout-cluster", "nowhere");
    HttpResponse<String> timedOut =
        gw.get("/headers", "x-mode", "callout", "x-callout-path", "/delay/3", "x-callout-timeout-ms", "200");
    HttpResponse<String> refused =
        gw.get("/headers", "x-mode", "callout", "x-callout-cluster", "no-such-cluster");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body().toLowerCase(Locale.ROOT)).contains("\"x-rust-callout\": \"200\"");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("rust denied 418");
    // Envoy's router answers a refused connection itself: the callout gets its 503 response.
    assertThat(unreachable.statusCode()).isEqualTo(403);
    assertThat(unreachable.body()).isEqualTo("rust denied 503");
    // ... and a timeout with its 504.
    assertThat(timedOut.statusCode()).isEqualTo(403);
    assertThat(timedOut.body()).isEqualTo("rust denied 504");
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.body()).isEqualTo("rust callout refused: BadArgument");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void grpcCalloutGetsTheReplyWithItsMetadataFromTheCluster(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get", "x-mode", "grpc", "x-grpc-name", "bob-" + engine);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("grpc:hello bob-" + engine + " from rust");
    assertThat(GRPC.lastAuthority()).isEqualTo("grpc");
    assertThat(GRPC.lastMethod()).isEqualTo("test.Echo/Unary");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void grpcCalloutFailuresReachTheCallbackWithTheirStatus(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    String failed = gw.get("/get", "x-mode", "grpc", "x-grpc-method", "Fail").body();
    String timedOut = gw.get("/get", "x-mode", "grpc", "x-grpc-method", "Hang", "x-grpc-timeout-ms", "300").body();
    String unreachable = gw.get("/get", "x-mode", "grpc", "x-grpc-cluster", "nowhere").body();

    assertThat(failed).isEqualTo("grpc-close:7:no entry for wasm"); // PERMISSION_DENIED
    assertThat(timedOut).startsWith("grpc-close:4:"); // DEADLINE_EXCEEDED
    assertThat(unreachable).startsWith("grpc-close:14:"); // UNAVAILABLE
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void grpcCalloutToAnUnknownClusterIsRefusedAsEnvoyRefusesIt(EngineKind engine) throws Exception {
    // PARSE_FAILURE, which the SDK turns into an error; any other status makes it panic (a trap).
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get", "x-mode", "grpc", "x-grpc-cluster", "no-such-cluster");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("rust grpc refused: ParseFailure");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void localResponseAnswersWithoutTheUpstream(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/status/200", "x-mode", "local");

    assertThat(r.statusCode()).isEqualTo(418);
    assertThat(r.body()).isEqualTo("short and stout");
    assertThat(r.headers().firstValue("x-rust-local")).hasValue("yes");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void sharedDataCasCounterAndQueueDelivery(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long first = shared(gw);
    long second = shared(gw);

    gw.get("/get", "x-mode", "queue", "x-enqueue", "rust-item-" + engine);

    assertThat(second).isEqualTo(first + 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(gw.get("/get", "x-mode", "queue").headers().firstValue("x-rust-dequeued")).hasValue("rust-item-" + engine));
    assertThat(GATEWAYS.log().lines()).contains(info("rust dequeued rust-item-" + engine));
  }

  private static long shared(ConformanceGateway gw) throws Exception {
    return Long.parseLong(gw.get("/get", "x-mode", "shared").headers().firstValue("x-rust-shared").orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void timersTick(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long first = ticks(gw);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticks(gw)).isGreaterThan(first + 2));
  }

  private static long ticks(ConformanceGateway gw) throws Exception {
    return Long.parseLong(gw.get("/get", "x-mode", "tick").headers().firstValue("x-rust-ticks").orElse("0"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void metricsAreCountedInTheGatewayStatsUnderWasmcustom(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);
    long before = Math.max(0, Stats.counter(gw.stats(), "wasmcustom.conformance_rust.requests"));

    HttpResponse<String> r = gw.get("/get", "x-mode", "metrics");

    // Each metrics request adds 1 to the counter and 5 - 2 to the gauge, whichever worker VM runs it.
    long after = before + 1;
    assertThat(r.headers().firstValue("x-rust-metrics")).hasValue("c=" + after + ";g=" + 3 * after);
    assertThat(Stats.counter(gw.stats(), "wasmcustom.conformance_rust.requests")).isEqualTo(after);
    assertThat(Stats.gauge(gw.stats(), "wasmcustom.conformance_rust.active")).isEqualTo(3 * after);
    assertThat(Stats.histogramCount(gw.stats(), "wasmcustom.conformance_rust.sizes")).isEqualTo(after);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void propertiesReadRequestPluginAndNodeAttributesAndOnesThePluginSet(EngineKind engine) throws Exception {
    ConformanceGateway gw = GATEWAYS.on(engine);

    HttpResponse<String> r = gw.get("/get?x=1", "x-mode", "properties", "x-property",
        "request.path,request.method,plugin_name,node.id,destination.port,conformance.language,no.such.property");

    assertThat(r.headers().firstValue("x-prop-request.path")).hasValue("/get?x=1");
    assertThat(r.headers().firstValue("x-prop-request.method")).hasValue("GET");
    assertThat(r.headers().firstValue("x-prop-plugin_name")).hasValue("default.rust");
    assertThat(r.headers().firstValue("x-prop-node.id")).hasValue(ConformanceGateway.NODE.id());
    assertThat(r.headers().firstValue("x-prop-destination.port")).hasValue(Integer.toString(gw.port()));
    assertThat(r.headers().firstValue("x-prop-conformance.language")).hasValue("rust");
    assertThat(r.headers().firstValue("x-prop-no.such.property")).hasValue("not found");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void pluginConfigurationAndClockAreRead(EngineKind engine) throws Exception {
    HttpResponse<String> r = GATEWAYS.on(engine).get("/get", "x-mode", "misc");

    assertThat(r.headers().firstValue("x-rust-config")).hasValueSatisfying(c ->
        assertThat(c.replace(" ", "")).isEqualTo("{\"greeting\":\"hello\"}"));
    assertThat(r.headers().firstValue("x-rust-clock")).hasValue("ok");
    assertThat(GATEWAYS.log().lines()).anyMatch(l -> l.startsWith(info("rust conformance configured: {")));
  }
}
