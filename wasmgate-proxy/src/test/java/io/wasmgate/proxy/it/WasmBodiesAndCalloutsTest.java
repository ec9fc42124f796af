package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.lifecycle.PluginManager;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import io.wasmgate.runtime.EngineKind;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Wasm plugins (C and Go, under /plugins) in the gateway over real sockets: bodies, trailers
 * and HTTP callouts to a cluster, loaded through the plugin lifecycle as the CLI runs them.
 */
class WasmBodiesAndCalloutsTest {
  static final Path PLUGINS = Path.of("..", "plugins").toAbsolutePath().normalize();
  static final Path BODY_REWRITE = PLUGINS.resolve("c/body-rewrite/plugin.wasm");
  static final Path AUTH_CALLOUT = PLUGINS.resolve("c/auth-callout/plugin.wasm");
  static final Path GO_CALLOUT_BODY = PLUGINS.resolve("go/callout-body/plugin.wasm");

  static Backend backend;
  static TrailerBackend trailerBackend;
  static GatewayServer gateway;
  static PluginManager plugins;
  static Path pluginsDir;
  static int port;
  static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String applied;

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend().start();
    trailerBackend = new TrailerBackend();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String yaml =
        """
        workers: 1
        listeners:
        - name: main
          address: 127.0.0.1:0
          routes:
          - {name: trailers, match: {prefix: /trailers}, cluster: trailers}
          - {name: all, match: {prefix: /}, cluster: backend}
        clusters:
        - {name: backend, endpoints: ["127.0.0.1:%d"]}
        - {name: auth, endpoints: ["127.0.0.1:%d"]}
        - {name: trailers, endpoints: ["127.0.0.1:%d"]}
        - {name: nowhere, endpoints: ["127.0.0.1:%d"], connectTimeout: 2s}
        limits: {bodyBufferLimitBytes: 2048}
        """
            .formatted(backend.port(), backend.port(), trailerBackend.port(), closedPort);
    AtomicReference<PluginManager> chains = new AtomicReference<>();
    gateway =
        new GatewayServer(
            GatewayConfigLoader.parse(yaml, null),
            listenerPort -> chains.get().chainFor(listenerPort),
            new StatsStore(),
            new RecordingAccessLog());
    HttpCallDispatcher calls = gateway.httpCalls();
    HostServices services =
        new HostServices() {
          @Override
          public HttpCallDispatcher httpCalls() {
            return calls;
          }
        };
    pluginsDir = Files.createTempDirectory("wasmgate-plugins");
    plugins =
        new PluginManager(pluginsDir, Map.of(), gateway.workers(), EngineKind.INTERPRETER, new StatsStore(), services);
    plugins.start();
    chains.set(plugins);
    gateway.start();
    port = gateway.boundAddress("main").getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    plugins.close();
    backend.close();
    trailerBackend.close();
  }

  @AfterEach
  void removePlugin() throws Exception {
    if (applied != null) {
      plugins.delete(applied);
    }
  }

  void apply(String name, Path module, String... specLines) throws Exception {
    StringBuilder yaml =
        new StringBuilder("apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\n")
            .append("metadata:\n  name: ").append(name).append("\n  namespace: default\n")
            .append("spec:\n  url: file://").append(module).append('\n');
    for (String line : specLines) {
      yaml.append("  ").append(line).append('\n');
    }
    applied = yaml.toString();
    plugins.apply(applied);
  }

  static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  @Test
  void bufferedRequestBodyIsPrependedAndAppendedAndTheResponseReplacedWithTrueLengths() throws Exception {
    apply("body-rewrite", BODY_REWRITE);

    HttpResponse<String> r = send("POST", "/echo", "hello");

    // The backend echoes "[hello]" chunked; the plugin's replacement gets an exact content-length.
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("rewritten([hello])");
    assertThat(r.headers().firstValue("content-length")).hasValue("18");
    assertThat(r.headers().firstValue("transfer-encoding")).isEmpty();
  }

  @Test
  void upstreamContentLengthIsFixedWhenThePluginReplacesTheResponseBody() throws Exception {
    apply("body-rewrite", BODY_REWRITE);

    HttpResponse<String> r = send("GET", "/hello", null);

    assertThat(r.body()).isEqualTo("rewritten(hello from backend)");
    assertThat(r.headers().firstValue("content-length")).hasValue("29");
  }

  @Test
  void pausedHeadersLetThePluginReadTheWholeBodyAndDecide() throws Exception {
    apply("body-rewrite", BODY_REWRITE);

    HttpResponse<String> allowed = send("POST", "/echo", "please pass", "x-inspect-body", "1");
    HttpResponse<String> denied = send("POST", "/echo", "deny this", "x-inspect-body", "1");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("rewritten(please pass)");
    assertThat(denied.statusCode()).isEqualTo(403);
    // The local reply passes the response filters of the plugins that saw the request, as in Envoy.
    assertThat(denied.body()).isEqualTo("rewritten(body denied)");
  }

  @Test
  void requestTrailersReachThePluginWhichAnswersFromTheTrailersCallback() throws Exception {
    apply("body-rewrite", BODY_REWRITE);
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(
          "POST /echo HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n"
              + "4\r\ndata\r\n0\r\nx-checksum: abc\r\n\r\n");
      RawHttp.Response r = raw.read();

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("rewritten(trailer x-checksum=abc)");
    }
  }

  @Test
  void responseTrailersPassThePluginWhichAddsOne() throws Exception {
    apply("body-rewrite", BODY_REWRITE);
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /trailers HTTP/1.1\r\nhost: a\r\n\r\n");
      RawHttp.Response r = raw.read();

      // With trailers the body never ends the stream, so the plugin's body rewrite does not apply.
      assertThat(r.body()).isEqualTo("chunk");
      assertThat(r.headers()).containsEntry("trailer.x-upstream-trailer", "t1");
      assertThat(r.headers()).containsEntry("trailer.x-trailer-seen", "yes");
    }
  }

  @Test
  void aPluginAddsTrailersToAResponseThatHadNone() throws Exception {
    apply("body-rewrite", BODY_REWRITE);
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /trailers/none HTTP/1.1\r\nhost: a\r\nx-add-trailer: 1\r\n\r\n");
      RawHttp.Response r = raw.read();

      assertThat(r.body()).isEqualTo("rewritten(chunk)");
      assertThat(r.headers()).containsEntry("trailer.x-added-trailer", "yes");
    }
  }

  @Test
  void trailersAddedToAContentLengthResponseAreDroppedAsHttp11CannotCarryThem() throws Exception {
    apply("body-rewrite", BODY_REWRITE);
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anything")).header("x-add-trailer", "1").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("rewritten(").endsWith(")");
  }

  @Test
  void requestBodyBufferedOverTheLimitIs413() throws Exception {
    apply("body-rewrite", BODY_REWRITE);
    try (RawHttp raw = new RawHttp(port)) {
      String chunk = "5dc\r\n" + "x".repeat(1500) + "\r\n";
      raw.send("POST /echo HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n" + chunk + chunk);
      RawHttp.Response r = raw.read();

      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).isEqualTo("rewritten(Payload Too Large)");
    }
  }

  @Test
  void responseBodyBufferedOverTheLimitIs500() throws Exception {
    apply("body-rewrite", BODY_REWRITE);

    // No request body to hold (a 5000-byte one could arrive in pieces and hit the request limit
    // first); the chunked response body is held until its end, past the limit.
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bytes?n=5000")).build(),
        BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("Internal Server Error");
  }

  @Test
  void authCalloutResumesTheRequestWithTheAnswer() throws Exception {
    apply("auth-callout", AUTH_CALLOUT);

    HttpResponse<String> ok = send("GET", "/headers", null, "x-token", "good");
    HttpResponse<String> denied = send("GET", "/headers", null, "x-token", "bad");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("x-auth-user: alice");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("denied by auth: 401");
  }

  @Test
  void calloutToAnUnreachableClusterGetsEnvoys503Response() throws Exception {
    apply("auth-callout", AUTH_CALLOUT, "pluginConfig: {cluster: nowhere}");

    HttpResponse<String> r = send("GET", "/headers", null, "x-token", "good");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("denied by auth: 503");
  }

  @Test
  void calloutToAnUnknownClusterIsRefusedAtOnce() throws Exception {
    apply("auth-callout", AUTH_CALLOUT, "pluginConfig: {cluster: no-such-cluster}");

    HttpResponse<String> r = send("GET", "/headers", null, "x-token", "good");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("callout refused");
  }

  @Test
  void goSdkPluginCallsOutAndRewritesBothBodies() throws Exception {
    apply("callout-body", GO_CALLOUT_BODY);

    HttpResponse<String> echoed = send("POST", "/echo", "abc", "x-token", "good");
    HttpResponse<String> headers = send("GET", "/headers", null, "x-token", "good");
    HttpResponse<String> denied = send("GET", "/headers", null, "x-token", "bad");

    assertThat(echoed.body()).isEqualTo("go(go[abc])");
    assertThat(headers.body()).startsWith("go(").contains("x-auth-user: alice");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("go(denied by auth: 401)");
  }

  @Test
  void goSdkPluginAddsAResponseTrailer() throws Exception {
    apply("callout-body", GO_CALLOUT_BODY);
    try (RawHttp raw = new RawHttp(port)) {
      raw.send("GET /trailers HTTP/1.1\r\nhost: a\r\nx-token: good\r\n\r\n");
      RawHttp.Response r = raw.read();

      assertThat(r.headers()).containsEntry("trailer.x-go-trailer", "yes");
      assertThat(r.headers()).containsEntry("trailer.x-upstream-trailer", "t1");
    }
  }
}
