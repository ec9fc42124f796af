package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One httpbin backend and one {@code wasmgate run -c gateway.yaml} in front of it, as child
 * processes of the real jar, shared by the tests of one class. The gateway carries the label
 * {@code istio: ingressgateway}, routes every path of each listener to httpbin, and watches its
 * own temporary plugins directory.
 */
final class GatewayFixture implements AutoCloseable {
  static final Duration STARTUP = Duration.ofSeconds(120);
  static final Duration CLI = Duration.ofSeconds(60);
  static final JsonMapper JSON = JsonMapper.shared();
  static final String WASMPLUGINS = "/apis/extensions.istio.io/v1alpha1/wasmplugins";

  final Path dir;
  final Path pluginsDir;
  final int admin;
  final int backend;
  private final List<Integer> listeners = new ArrayList<>();
  private GatewayProcess httpbin;
  private GatewayProcess gateway;
  private int cliRuns;

  private GatewayFixture(int listenerCount) throws IOException {
    dir = Files.createTempDirectory("wasmgate-e2e");
    pluginsDir = Files.createDirectories(dir.resolve("plugins"));
    admin = GatewayProcess.freePort();
    backend = GatewayProcess.freePort();
    for (int i = 0; i < listenerCount; i++) {
      listeners.add(GatewayProcess.freePort());
    }
  }

  /** Ports and directories are chosen; plugins may be written before {@link #start}. */
  static GatewayFixture prepare(int listenerCount) throws IOException {
    return new GatewayFixture(listenerCount);
  }

  /** Starts httpbin and {@code wasmgate run -c gateway.yaml}; returns once both answer. */
  GatewayFixture start(Map<String, String> gatewayEnv) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, gatewayYaml());
    return start(gatewayEnv, "run", "-c", config.toString());
  }

  /** Starts httpbin and the gateway from the command-line quick form (one listener), plus {@code extraArgs}. */
  GatewayFixture startQuickForm(String... extraArgs) throws Exception {
    if (listeners.size() != 1) {
      throw new IllegalStateException("the quick form has exactly one listener");
    }
    List<String> args = new ArrayList<>(List.of("run", "--listen", "127.0.0.1:" + port(),
        "--upstream", "127.0.0.1:" + backend, "--plugins", pluginsDir.toString(), "--admin", "127.0.0.1:" + admin,
        "--label", "istio=ingressgateway", "--workers", "2"));
    args.addAll(List.of(extraArgs));
    return start(Map.of(), args.toArray(String[]::new));
  }

  private GatewayFixture start(Map<String, String> gatewayEnv, String... gatewayArgs) throws Exception {
    httpbin = GatewayProcess.start("httpbin", "--port", String.valueOf(backend));
    gateway = GatewayProcess.start(gatewayEnv, gatewayArgs);
    awaitOk(httpbin, backend, "/get");
    awaitOk(gateway, admin, "/ready");
    return this;
  }

  private String gatewayYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("labels:\n  istio: ingressgateway\n");
    yaml.append("admin:\n  address: 127.0.0.1:").append(admin).append('\n');
    yaml.append("pluginsDir: ").append(pluginsDir).append('\n');
    yaml.append("accessLog:\n  path: /dev/stdout\n");
    yaml.append("workers: 2\n");
    yaml.append("listeners:\n");
    for (int i = 0; i < listeners.size(); i++) {
      yaml.append("- name: listener-").append(i).append('\n');
      yaml.append("  address: 127.0.0.1:").append(listeners.get(i)).append('\n');
      yaml.append("  routes:\n  - name: httpbin\n    match: {prefix: /}\n    cluster: httpbin\n");
    }
    yaml.append("clusters:\n- name: httpbin\n  endpoints: [127.0.0.1:").append(backend).append("]\n");
    return yaml.toString();
  }

  private static void awaitOk(GatewayProcess process, int port, String path) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("process exited with " + process.exitCode() + ":\n" + process.allOutput());
      }
      try {
        if (Http.get(port, path).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no 200 from " + path + " on " + port + " within " + STARTUP + ":\n"
        + process.allOutput());
  }

  /** The first listener's port. */
  int port() {
    return listeners.get(0);
  }

  int port(int listener) {
    return listeners.get(listener);
  }

  GatewayProcess gateway() {
    return gateway;
  }

  /** Writes a YAML file into the watched plugins directory, atomically (the watcher never sees half a file). */
  void writePlugin(String fileName, String yaml) throws IOException {
    Path hidden = pluginsDir.resolve("." + fileName + ".tmp");
    Files.writeString(hidden, yaml);
    Files.move(hidden, pluginsDir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@code wasmgate apply -f <file holding yaml> --admin ...}, run to its end. */
  GatewayProcess apply(String yaml) throws Exception {
    return cli("apply", yaml);
  }

  /** {@code wasmgate delete -f <file holding yaml> --admin ...}, run to its end. */
  GatewayProcess delete(String yaml) throws Exception {
    return cli("delete", yaml);
  }

  private GatewayProcess cli(String verb, String yaml) throws Exception {
    Path file = dir.resolve(verb + "-" + (++cliRuns) + ".yaml");
    Files.writeString(file, yaml);
    return GatewayProcess.runToEnd(CLI, verb, "-f", file.toString(), "--admin", "127.0.0.1:" + admin);
  }

  /** The plugins section of /config_dump. */
  List<JsonNode> plugins() throws Exception {
    HttpResponse<String> dump = Http.get(admin, "/config_dump");
    assertThat(dump.statusCode()).as("/config_dump status").isEqualTo(200);
    for (JsonNode config : JSON.readTree(dump.body()).get("configs")) {
      if (config.has("plugins")) {
        List<JsonNode> plugins = new ArrayList<>();
        config.get("plugins").forEach(plugins::add);
        return plugins;
      }
    }
    throw new AssertionError("/config_dump has no plugins section: " + dump.body());
  }

  /** The /config_dump entry of the plugin called {@code name}. */
  JsonNode plugin(String name) throws Exception {
    return plugins().stream()
        .filter(p -> p.get("name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no plugin " + name + " in /config_dump"));
  }

  /** Removes every plugin but {@code keep} through the admin API and waits until /config_dump agrees. */
  void removePluginsExcept(String... keep) throws Exception {
    List<String> kept = List.of(keep);
    for (JsonNode plugin : plugins()) {
      String name = plugin.get("name").asString();
      if (!kept.contains(name)) {
        HttpResponse<String> deleted = Http.send(admin, "DELETE", WASMPLUGINS,
            WasmPluginYaml.reference(plugin.get("namespace").asString(), name));
        assertThat(deleted.statusCode()).as("deleting %s: %s", name, deleted.body()).isEqualTo(200);
      }
    }
    Awaitility.await("only " + kept + " left").atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(plugins()).extracting(p -> p.get("name").asString())
            .containsExactlyInAnyOrderElementsOf(kept));
  }

  /** GET /headers through the gateway: httpbin's echo of the request headers it received. */
  JsonNode echoedHeaders(int port, String... headers) throws Exception {
    HttpResponse<String> response = Http.get(port, "/headers", headers);
    assertThat(response.statusCode()).as("GET /headers: %s", response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("headers");
  }

  /** httpbin's X-Chain echo: the tags chain-marker plugins appended, in order; empty when none. */
  List<String> chain(int port) throws Exception {
    JsonNode chain = echoedHeaders(port).get("X-Chain");
    return chain == null ? List.of() : List.of(chain.asString().split(","));
  }

  /** Waits for the access log line (JSON on stdout) that matches, and returns it parsed. */
  JsonNode awaitAccessLog(Predicate<JsonNode> match) throws InterruptedException {
    String line =
        gateway.awaitLine(l -> l.startsWith("{") && match.test(JSON.readTree(l)), Duration.ofSeconds(10));
    return JSON.readTree(line);
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    if (httpbin != null) {
      httpbin.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(GatewayFixture::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
