package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.host.HostServices;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.lifecycle.PluginManager;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import io.wasmgate.runtime.EngineKind;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * gRPC callouts from a real C plugin (plugins/c/grpc-callout) through the gateway to a real
 * grpc-java server over HTTP/2, under both engines: unary calls, a bidirectional stream, cancel,
 * an unknown cluster, a timeout, a server error, an unreachable cluster, and the callouts a closing
 * VM left open.
 */
class WasmGrpcCalloutTest {
  static final Path PLUGIN =
      Path.of("..", "plugins", "c", "grpc-callout", "plugin.wasm").toAbsolutePath().normalize();

  static GrpcTestServer grpc;
  static GatewayServer gateway;
  static final Map<EngineKind, PluginManager> plugins = new EnumMap<>(EngineKind.class);
  static final AtomicReference<PluginManager> active = new AtomicReference<>();
  static HostServices services;
  static int port;
  static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    grpc = GrpcTestServer.start();
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
          - {name: all, match: {prefix: /}, cluster: grpc}
        clusters:
        - {name: grpc, endpoints: ["127.0.0.1:%d"]}
        - {name: down, endpoints: ["127.0.0.1:%d"], connectTimeout: 2s}
        """
            .formatted(grpc.port(), closedPort);
    gateway =
        new GatewayServer(
            GatewayConfigLoader.parse(yaml, null),
            listenerPort -> active.get().chainFor(listenerPort),
            new StatsStore(),
            new RecordingAccessLog());
    GrpcCallDispatcher calls = gateway.grpcCalls();
    List<ScheduledExecutorService> loops = gateway.workerExecutors();
    // As the gateway wires them: each worker's VM knows its loop, where its callouts live.
    services =
        new HostServices() {
          @Override
          public GrpcCallDispatcher grpcCalls() {
            return calls;
          }

          @Override
          public HostServices forWorker(int worker) {
            return onWorker(loops.get(worker));
          }
        };
    for (EngineKind engine : EngineKind.values()) {
      plugins.put(engine, startPlugin(engine));
    }
    active.set(plugins.get(EngineKind.INTERPRETER));
    gateway.start();
    port = gateway.boundAddress("main").getPort();
  }

  static PluginManager startPlugin(EngineKind engine) throws Exception {
    PluginManager manager =
        new PluginManager(
            Files.createTempDirectory("wasmgate-grpc"), Map.of(), gateway.workers(), engine, new StatsStore(), services);
    manager.start();
    manager.apply(
        """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: grpc-callout, namespace: default}
        spec:
          url: file://%s
        """
            .formatted(PLUGIN));
    return manager;
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    for (PluginManager m : plugins.values()) {
      m.close();
    }
    grpc.close();
  }

  static String get(EngineKind engine, String path) throws Exception {
    return get(plugins.get(engine), path);
  }

  static String get(PluginManager manager, String path) throws Exception {
    active.set(manager);
    var response =
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unaryCallGetsTheReplyAndSendsMetadataToTheClusterAsItsAuthority(EngineKind engine) throws Exception {
    assertThat(get(engine, "/unary/bob")).isEqualTo("unary:hello bob from wasm");
    assertThat(grpc.lastAuthority()).isEqualTo("grpc");
    assertThat(grpc.lastMethod()).isEqualTo("test.Echo/Unary");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void serviceMayBeASerializedGrpcServiceProto(EngineKind engine) throws Exception {
    assertThat(get(engine, "/proto/ann")).isEqualTo("unary:hello ann from wasm");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void streamDeliversMetadataEachReplyTrailersAndClose(EngineKind engine) throws Exception {
    // The plugin sends "b" and "c" only after the replies to "a" and "b", then half-closes.
    assertThat(get(engine, "/stream"))
        .isEqualTo("stream:init=test;msgs=echo:a,echo:b,echo:c;trail=3;close=0");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void serverErrorStatusAndMessageReachTheCloseCallback(EngineKind engine) throws Exception {
    assertThat(get(engine, "/error")).isEqualTo("close:7:no entry for wasm");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void timeoutClosesWithDeadlineExceeded(EngineKind engine) throws Exception {
    assertThat(get(engine, "/timeout")).startsWith("close:4:");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unreachableClusterClosesWithUnavailable(EngineKind engine) throws Exception {
    assertThat(get(engine, "/down")).startsWith("close:14:upstream connect error");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unknownClusterIsAParseFailure(EngineKind engine) throws Exception {
    assertThat(get(engine, "/unknown")).isEqualTo("rc:4");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void cancelResetsCallsOnTheServerAndNothingMoreIsDelivered(EngineKind engine) throws Exception {
    get(engine, "/unary/warm"); // the connection is up, so both cancelled streams reach the server
    int before = grpc.hangStarted.get();

    // BAD_ARGUMENT sending on a unary call; OK cancelling each; NOT_FOUND once cancelled.
    assertThat(get(engine, "/cancel")).isEqualTo("sendcall=2 call=0 stream=0 again=1 send=1");

    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((grpc.hangStarted.get() < before + 2 || grpc.hangCancelled.get() < grpc.hangStarted.get())
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(grpc.hangStarted.get()).isEqualTo(before + 2);
    assertThat(grpc.hangCancelled.get()).isEqualTo(grpc.hangStarted.get());
    assertThat(get(engine, "/stray")).isEqualTo("stray=0");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void closingTheVmCancelsTheCalloutsItLeftOpen(EngineKind engine) throws Exception {
    get(engine, "/unary/warm"); // the connection is up, so both calls reach the server
    // A manager of its own, so that closing it retires only the VM under test.
    PluginManager manager = startPlugin(engine);
    try {
      int before = grpc.hangStarted.get();
      assertThat(get(manager, "/abandon")).isEqualTo("call=0 stream=0");
      // Both calls are open on the server before the VM goes away.
      await().atMost(Duration.ofSeconds(20)).until(() -> grpc.hangStarted.get() >= before + 2);
    } finally {
      active.set(plugins.get(engine));
      manager.close(); // retires the plugin: its VM closes once the /abandon stream has ended
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(grpc.hangCancelled.get()).isEqualTo(grpc.hangStarted.get()));
  }
}
