package io.wasmgate.cli;

import io.wasmgate.httpbin.HttpbinServer;
import io.wasmgate.plugin.EnginePolicy;
import io.wasmgate.proxy.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * A short run through the gateway's start-up paths, so that the JVM can record the classes they
 * load in a class-data archive ({@code bin/wasmgate} runs it once per build under
 * {@code -XX:ArchiveClassesAtExit}). A later start maps those classes instead of loading, verifying
 * and linking them one by one: most of what a plugin's start from the compiled-code cache costs
 * is that cold class loading.
 *
 * <p>It loads the C header-authorization plugin on every path a start can take (interpreter, then
 * the background compile, then a second plugin from the compiled-code cache), sends requests
 * through the data plane and reads the admin endpoints. It uses private temporary directories,
 * never the user's cache or plugins.
 */
@Command(
    name = "training-run",
    hidden = true,
    description = "Exercise start-up paths once (for a class-data archive); used by bin/wasmgate.")
final class TrainingRunCommand implements Callable<Integer> {
  static final String PLUGIN = "plugins/c/header-authorization/plugin.wasm";
  private static final Duration COMPILE_WAIT = Duration.ofSeconds(120);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("wasmgate.home", ".")).toAbsolutePath().normalize();
    Path plugin = home.resolve(PLUGIN);
    if (!Files.isRegularFile(plugin)) {
      throw new IllegalStateException("cannot find " + PLUGIN + " under " + home);
    }
    Path work = Files.createTempDirectory("wasmgate-training");
    System.setProperty("wasmgate.compiled.cache.dir", work.resolve("compiled").toString());
    try (var backend = HttpbinServer.start("127.0.0.1", 0)) {
      Path pluginsDir = Files.createDirectories(work.resolve("plugins"));
      GatewayConfig config = DemoCommand.localConfig(0, 0, backend.port(), pluginsDir);
      try (GatewayRuntime gateway = GatewayRuntime.start(config, EnginePolicy.TIERED)) {
        exercise(gateway, plugin);
      }
    } finally {
      deleteTree(work);
    }
    return 0;
  }

  private void exercise(GatewayRuntime gateway, Path plugin) throws Exception {
    String admin = "127.0.0.1:" + gateway.adminPort();
    String data = "http://127.0.0.1:" + gateway.firstListenerPort();
    AdminClient apply = new AdminClient(admin);
    // First load: interpreter at once, compile in the background, then the move to compiled code.
    apply.send("POST", wasmPlugin("training-first", plugin));
    awaitCompiled(admin);
    // Second load of the same bytes: the compiled-code cache hit, the path a restart takes.
    apply.send("POST", wasmPlugin("training-cached", plugin));
    get(data + "/status/200", false);
    get(data + "/status/200", true);
    post("http://" + admin + "/logging?wasm=debug");
    get(data + "/status/418", true);
    post("http://" + admin + "/logging?wasm=info");
    get("http://" + admin + "/stats", false);
    get("http://" + admin + "/config_dump", false);
  }

  private void awaitCompiled(String admin) throws Exception {
    long deadline = System.nanoTime() + COMPILE_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String dump = get("http://" + admin + "/config_dump", false);
      if (dump.contains("\"engine\"") && !dump.contains("interpreter")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the training plugin did not move to compiled code in " + COMPILE_WAIT);
  }

  private static String wasmPlugin(String name, Path module) {
    return """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata:
          name: %s
          namespace: istio-system
        spec:
          url: file://%s
          phase: AUTHN
        """
        .formatted(name, module);
  }

  private String get(String url, boolean allow) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (allow) {
      request.header("allow", "true");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private void post(String url) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
