package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.observability.AccessLogEntry;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway over real sockets, between java.net.http / raw sockets and a real backend. */
class GatewayServerTest {
  static Backend backend;
  static GatewayServer gateway;
  static StatsStore stats = new StatsStore();
  static RecordingAccessLog accessLog = new RecordingAccessLog();
  static final List<Function<HttpStreamHost, StreamFilter>> filters = new CopyOnWriteArrayList<>();
  static int port;
  static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend().start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String yaml =
        """
        labels: {istio: ingressgateway}
        workers: 2
        listeners:
        - name: main
          address: 127.0.0.1:0
          routes:
          - {name: vhost, match: {host: vhost.example.com, prefix: /}, cluster: backend}
          - {name: dead, match: {prefix: /dead}, cluster: dead}
          - {name: empty, match: {prefix: /empty}, cluster: empty}
          - {name: slow, match: {prefix: /slow}, cluster: slow}
          - {name: echo, match: {prefix: /echo}, cluster: backend}
          - {name: headers, match: {path: /headers}, cluster: backend}
          - {name: hello, match: {prefix: /hello}, cluster: backend}
        clusters:
        - {name: backend, endpoints: ["127.0.0.1:%d"], maxConnectionsPerWorker: 8}
        - {name: dead, endpoints: ["127.0.0.1:%d"], connectTimeout: 2s}
        - {name: empty, endpoints: []}
        - {name: slow, endpoints: ["127.0.0.1:%d"], timeout: 300ms}
        limits: {maxHeaderBytes: 4096, requestHeadersTimeout: 10s}
        """
            .formatted(backend.port(), closedPort, backend.port());
    GatewayConfig config = GatewayConfigLoader.parse(yaml, null);
    FilterChain chain =
        (worker, stream) -> {
          List<StreamFilter> out = new ArrayList<>();
          filters.forEach(f -> out.add(f.apply(stream)));
          return out;
        };
    FilterChainSource source = listenerPort -> chain;
    gateway = new GatewayServer(config, source, stats, accessLog).start();
    port = gateway.boundAddress("main").getPort();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    backend.close();
  }

  @BeforeEach
  void reset() {
    filters.clear();
    accessLog.clear();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  @Test
  void proxiesGetAndLogsTheRequest() throws Exception {
    HttpResponse<String> r = get("/hello?x=1", "user-agent", "gw-test");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from backend");
    assertThat(r.headers().firstValue("x-envoy-upstream-service-time")).isPresent();
    AccessLogEntry e = accessLog.next();
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/hello?x=1");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.responseCode()).isEqualTo(200);
    assertThat(e.responseFlags()).isEqualTo("-");
    assertThat(e.responseCodeDetails()).isEqualTo("via_upstream");
    assertThat(e.routeName()).isEqualTo("hello");
    assertThat(e.upstreamCluster()).isEqualTo("backend");
    assertThat(e.upstreamHost()).isEqualTo("127.0.0.1:" + backend.port());
    assertThat(e.bytesSent()).isEqualTo("hello from backend".length());
    assertThat(e.userAgent()).isEqualTo("gw-test");
    assertThat(e.requestId()).hasSize(36);
    assertThat(e.authority()).isEqualTo("127.0.0.1:" + port);
    assertThat(e.downstreamRemoteAddress()).startsWith("127.0.0.1:");
    assertThat(e.downstreamLocalAddress()).isEqualTo("127.0.0.1:" + port);
    assertThat(e.upstreamServiceTimeMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void streamsPostBodiesBothWays() throws Exception {
    byte[] big = "0123456789abcdef".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII); // 1 MiB
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
            .POST(BodyPublishers.ofByteArray(big))
            .build();
    HttpResponse<byte[]> r = client.send(req, BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-backend-method")).hasValue("POST");
    assertThat(r.body()).isEqualTo(big);
    AccessLogEntry e = accessLog.next();
    assertThat(e.bytesReceived()).isEqualTo(big.length);
    assertThat(e.bytesSent()).isEqualTo(big.length);
  }

  @Test
  void reusesUpstreamAndDownstreamConnections() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
      RawHttp.Response first = raw.read();
      raw.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
      RawHttp.Response second = raw.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.headers().get("x-backend-connection"))
          .isEqualTo(first.headers().get("x-backend-connection"));
    }
  }

  @Test
  void servesPipelinedRequestsInOrder() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(
          "GET /headers HTTP/1.1\r\nHost: a\r\nx-n: 1\r\n\r\n"
              + "GET /headers HTTP/1.1\r\nHost: a\r\nx-n: 2\r\n\r\n"
              + "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
      assertThat(raw.read().body()).contains("x-n: 1");
      assertThat(raw.read().body()).contains("x-n: 2");
      RawHttp.Response last = raw.read();
      assertThat(last.body()).isEqualTo("hello from backend");
      assertThat(last.headers().get("connection")).isEqualTo("close");
      assertThat(raw.closedByPeer()).isTrue();
    }
  }

  @Test
  void forwardsClientAddressAndRequestIdAndDropsHopByHopHeaders() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(
          "GET /headers HTTP/1.1\r\nHost: a\r\nx-forwarded-for: 10.0.0.1\r\n"
              + "Connection: keep-alive, x-private\r\nx-private: secret\r\nKeep-Alive: timeout=5\r\n\r\n");
      String seen = raw.read().body();
      assertThat(seen).contains("x-forwarded-for: 10.0.0.1,127.0.0.1\n");
      assertThat(seen).contains("x-forwarded-proto: http\n");
      assertThat(seen).containsPattern("x-request-id: [0-9a-f-]{36}\n");
      assertThat(seen).doesNotContain("x-private").doesNotContain("keep-alive: timeout");
    }
    HttpResponse<String> r = get("/headers", "x-request-id", "given-id");
    assertThat(r.body()).contains("x-request-id: given-id\n");
  }

  @Test
  void noRouteIs404WithFlagNr() throws Exception {
    HttpResponse<String> r = get("/nowhere");

    assertThat(r.statusCode()).isEqualTo(404);
    AccessLogEntry e = accessLog.next();
    assertThat(e.responseFlags()).isEqualTo("NR");
    assertThat(e.responseCodeDetails()).isEqualTo("route_not_found");
    assertThat(e.routeName()).isNull();
  }

  @Test
  void hostMatchSelectsTheVirtualHostRoute() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /nowhere HTTP/1.1\r\nHost: VHOST.example.com:8080\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(200);
    }
    assertThat(accessLog.next().routeName()).isEqualTo("vhost");
  }

  @Test
  void refusedConnectionIs503Uf() throws Exception {
    HttpResponse<String> r = get("/dead");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body())
        .isEqualTo("upstream connect error or disconnect/reset before headers. reset reason: connection failure");
    AccessLogEntry e = accessLog.next();
    assertThat(e.responseFlags()).isEqualTo("UF");
    assertThat(e.responseCodeDetails()).isEqualTo("upstream_reset_before_response_started{connection_failure}");
    assertThat(stats.counter("cluster.dead.upstream_cx_connect_fail").sum()).isGreaterThan(0);
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void clusterWithoutEndpointsIs503Uh() throws Exception {
    HttpResponse<String> r = get("/empty");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("no healthy upstream");
    assertThat(accessLog.next().responseFlags()).isEqualTo("UH");
  }

  @Test
  void slowUpstreamIs504Ut() throws Exception {
    HttpResponse<String> r = get("/slow");

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).isEqualTo("upstream request timeout");
    AccessLogEntry e = accessLog.next();
    assertThat(e.responseFlags()).isEqualTo("UT");
    assertThat(e.responseCodeDetails()).isEqualTo("response_timeout");
    assertThat(stats.counter("cluster.slow.upstream_rq_timeout").sum()).isGreaterThan(0);
  }

  @Test
  void garbageIs400AndTheGatewayKeepsServing() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("THIS IS NOT HTTP\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(400);
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(accessLog.next().responseCodeDetails()).isEqualTo("http1.codec_error");
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void hugeHeadersAre431AndTheGatewayKeepsServing() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /hello HTTP/1.1\r\nHost: a\r\nx-big: " + "a".repeat(8000) + "\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(431);
      assertThat(raw.closedByPeer()).isTrue();
    }
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /" + "p".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(431);
    }
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void localReplyFromAFilterNeverReachesTheUpstream() throws Exception {
    filters.add(TestFilters.Deny::new);
    int before = backend.requests();

    HttpResponse<String> r = get("/hello", "x-deny", "1");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("access denied");
    assertThat(r.headers().firstValue("x-denied")).hasValue("yes");
    assertThat(backend.requests()).isEqualTo(before);
    AccessLogEntry e = accessLog.next();
    assertThat(e.responseCodeDetails()).isEqualTo("denied_by_test");
    assertThat(e.responseFlags()).isEqualTo("-");
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void filterAddsHeadersBothWaysAndReadsProperties() throws Exception {
    filters.add(TestFilters.Headers::new);

    HttpResponse<String> r = get("/headers?q=1"); // exact path match ignores the query

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("x-added-request: from-filter");
    assertThat(r.headers().firstValue("x-added-response")).hasValue("from-filter");
    assertThat(r.headers().firstValue("x-seen-route")).hasValue("headers");
    assertThat(r.headers().firstValue("x-seen-cluster")).hasValue("backend");
    assertThat(r.body()).contains("path: /headers?q=1");
    assertThat(r.headers().firstValue("x-seen-url-path")).hasValue("/headers");
    assertThat(r.headers().firstValue("x-seen-method")).hasValue("GET");
    assertThat(r.headers().firstValue("x-seen-code")).hasValue("200");
    assertThat(r.headers().firstValue("x-seen-status")).hasValue("200");
    assertThat(Integer.parseInt(r.headers().firstValue("x-seen-source-port").orElseThrow())).isPositive();
  }

  @Test
  void localRepliesPassTheResponseFiltersOfEarlierFilters() throws Exception {
    filters.add(TestFilters.Headers::new);
    filters.add(TestFilters.Deny::new);

    HttpResponse<String> r = get("/hello", "x-deny", "1");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-added-response")).hasValue("from-filter");
    assertThat(r.headers().firstValue("x-seen-code")).hasValue("403");
  }

  @Test
  void pausedRequestContinuesWhenTheFilterSaysSo() throws Exception {
    filters.add(TestFilters.PauseThenContinue::new);
    filters.add(TestFilters.Headers::new);

    HttpResponse<String> r = get("/headers");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("x-resumed: yes").contains("x-added-request: from-filter");
  }

  @Test
  void bodyFilterBuffersAndRewritesTheRequestBody() throws Exception {
    filters.add(TestFilters.UpperCaseBody::new);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
            .POST(BodyPublishers.ofString("make me loud ".repeat(10_000)))
            .build();

    HttpResponse<String> r = client.send(req, BodyHandlers.ofString());

    assertThat(r.body()).isEqualTo("MAKE ME LOUD ".repeat(10_000));
  }

  @Test
  void everyFilterIsCompletedAndClosedWhateverHappens() throws Exception {
    filters.add(TestFilters.Base::new);
    int completed = TestFilters.completed.get();
    int closed = TestFilters.closed.get();

    get("/hello");
    accessLog.next();
    get("/dead");
    accessLog.next();
    get("/nowhere");
    accessLog.next();

    assertThat(TestFilters.completed.get() - completed).isEqualTo(3);
    assertThat(TestFilters.closed.get() - closed).isEqualTo(3);
  }

  @Test
  void countsDownstreamStats() throws Exception {
    long total = stats.counter("http.downstream_rq_total").sum();
    long ok = stats.counter("http.downstream_rq_2xx").sum();

    get("/hello");
    accessLog.next();

    assertThat(stats.counter("http.downstream_rq_total").sum()).isEqualTo(total + 1);
    assertThat(stats.counter("http.downstream_rq_2xx").sum()).isEqualTo(ok + 1);
    assertThat(stats.counter("cluster.backend.upstream_rq_total").sum()).isPositive();
    assertThat(stats.counter("http.downstream_cx_total").sum()).isPositive();
  }

  @Test
  void servesManyConcurrentRequestsAcrossWorkers() throws Exception {
    filters.add(TestFilters.Headers::new);
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
              .POST(BodyPublishers.ofString("payload-" + i))
              .build();
      all.add(client.sendAsync(req, BodyHandlers.ofString()));
    }
    for (int i = 0; i < all.size(); i++) {
      HttpResponse<String> r = all.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("payload-" + i);
      assertThat(r.headers().firstValue("x-added-response")).hasValue("from-filter");
    }
  }

  @Test
  void responseBodyFilterSeesAndRewritesTheResponse() throws Exception {
    filters.add(host -> new TestFilters.Base(host) {
      @Override
      public io.wasmgate.abi.Action onResponseHeaders(int headerCount, boolean endOfStream) {
        host.responseHeaders().remove("content-length");
        return io.wasmgate.abi.Action.CONTINUE;
      }

      @Override
      public io.wasmgate.abi.Action onResponseBody(int bodySize, boolean endOfStream) {
        if (!endOfStream) {
          return io.wasmgate.abi.Action.PAUSE;
        }
        host.responseBody().write(0, 0, "[".getBytes(StandardCharsets.UTF_8));
        host.responseBody().write(host.responseBody().size(), 0, "]".getBytes(StandardCharsets.UTF_8));
        return io.wasmgate.abi.Action.CONTINUE;
      }
    });

    HttpResponse<String> r = get("/hello");

    assertThat(r.body()).isEqualTo("[hello from backend]");
  }
}
