package io.wasmgate.conformance;

import io.wasmgate.host.GatewayServices;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.NodeProperties;
import io.wasmgate.host.VmLimits;
import io.wasmgate.httpbin.HttpbinServer;
import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.lifecycle.PluginManager;
import io.wasmgate.plugin.lifecycle.StatsPluginMetrics;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import io.wasmgate.runtime.EngineKind;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gateway as the CLI wires it (data plane first, then the plugin lifecycle bound to its
 * worker loops and callout dispatcher), on one engine, in front of an httpbin backend. Clusters:
 * {@code httpbin} (the backend, also the default route) and {@code nowhere} (a closed port), plus
 * {@code grpc} when started with a gRPC server's port; plugins may make HTTP and gRPC callouts.
 */
final class ConformanceGateway implements AutoCloseable {
  static final NodeProperties NODE =
      new NodeProperties("router~conformance~wasmgate", "wasmgate", Map.of("NAMESPACE", "istio-system"));

  /** A plugin that never resumes a stream fails its test instead of hanging the suite. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final StatsStore stats = new StatsStore();
  private final HttpbinServer httpbin;
  private final GatewayServer server;
  private final PluginManager plugins;
  private final int port;

  private ConformanceGateway(EngineKind engine, int grpcPort) throws Exception {
    httpbin = HttpbinServer.start("127.0.0.1", 0);
    String grpcCluster = grpcPort > 0 ? "- {name: grpc, endpoints: [\"127.0.0.1:%d\"]}\n".formatted(grpcPort) : "";
    String yaml =
        """
        workers: 2
        listeners:
        - name: main
          address: 127.0.0.1:0
          routes:
          - {name: default, match: {prefix: /}, cluster: httpbin}
        clusters:
        - {name: httpbin, endpoints: ["127.0.0.1:%d"]}
        - {name: nowhere, endpoints: ["127.0.0.1:%d"], connectTimeout: 2s}
        """
            .formatted(httpbin.port(), closedPort()) + grpcCluster;
    AtomicReference<PluginManager> manager = new AtomicReference<>();
    server =
        new GatewayServer(
            GatewayConfigLoader.parse(yaml, null),
            listenerPort -> manager.get() == null ? FilterChain.EMPTY : manager.get().chainFor(listenerPort),
            stats,
            AccessLog.DISABLED);
    HostServices services =
        new GatewayServices(
            new StatsPluginMetrics(stats), NODE, server.workerExecutors(), server.httpCalls(), server.grpcCalls());
    Path dir = Files.createTempDirectory("wasmgate-conformance-" + engine.name().toLowerCase());
    // Not a test of the CPU deadline: the Go runtime's first calls on the interpreter, on a cold
    // JIT of a busy CI machine, may take longer than the default 500 ms.
    plugins = new PluginManager(dir, Map.of(), server.workers(), engine, stats, services,
        new VmLimits(Duration.ofSeconds(30), VmLimits.DEFAULT_MAX_MEMORY_BYTES));
    plugins.start();
    manager.set(plugins);
    server.start();
    port = server.boundAddress("main").getPort();
  }

  static ConformanceGateway start(EngineKind engine) {
    return start(engine, 0);
  }

  /** A gateway whose cluster {@code grpc} is the gRPC server on {@code grpcPort} (0: no such cluster). */
  static ConformanceGateway start(EngineKind engine, int grpcPort) {
    try {
      return new ConformanceGateway(engine, grpcPort);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the conformance gateway on " + engine, e);
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  StatsStore stats() {
    return stats;
  }

  int httpbinPort() {
    return httpbin.port();
  }

  int port() {
    return port;
  }

  /** Applies a WasmPlugin for {@code module}; closing the result deletes it again. */
  AppliedPlugin apply(String name, Path module, String... specLines) throws Exception {
    StringBuilder yaml =
        new StringBuilder("apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\n")
            .append("metadata:\n  name: ").append(name).append("\n  namespace: default\n")
            .append("spec:\n  url: file://").append(module).append('\n');
    for (String line : specLines) {
      yaml.append("  ").append(line).append('\n');
    }
    String resource = yaml.toString();
    plugins.apply(resource);
    return () -> plugins.delete(resource);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(REQUEST_TIMEOUT)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  /** A GET without a body (so without content-length). */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(REQUEST_TIMEOUT).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  /**
   * Sends {@code head} (request line and headers, no blank line) exactly as written, with
   * "connection: close", and returns the raw response: java.net.http may add headers of its own.
   */
  String raw(String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((head + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() {
    server.close();
    plugins.close();
    httpbin.close();
  }

  /** A WasmPlugin applied for one test. */
  interface AppliedPlugin extends AutoCloseable {
    @Override
    void close() throws Exception;
  }
}
