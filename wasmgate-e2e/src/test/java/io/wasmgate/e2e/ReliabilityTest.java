package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reliability suite against the real jar: a bounded loopback load while the plugin set is
 * reloaded over and over and misbehaving plugins trap, spin and leak. No request may fail except as
 * a failStrategy dictates, and VM counts return to their baseline. The short form runs here; the
 * long form is bench/reliability.sh (-Dwasmgate.reliability.seconds, -Dwasmgate.reliability.rate).
 */
class ReliabilityTest {
  private static final int SECONDS = Integer.getInteger("wasmgate.reliability.seconds", 30);
  private static final int RATE = Integer.getInteger("wasmgate.reliability.rate", 200);
  private static final int CLIENTS = 8;
  private static final Duration RELOAD_EVERY = Duration.ofMillis(200);
  private static final String FAIL_ON_DEMAND = "plugins/wat/fail-on-demand.wasm";
  private static final String LEAK = "plugins/wat/leak-per-request.wasm";
  private static final String GROW = "plugins/wat/grow-unbounded.wasm";

  private static GatewayFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = GatewayFixture.prepare(2).start(Map.of());
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String annotated(String name, String module, List<String> annotations, String... spec) {
    String yaml = WasmPluginYaml.plugin(name, module, spec);
    return yaml.replace("  namespace: " + WasmPluginYaml.NAMESPACE + "\n",
        "  namespace: " + WasmPluginYaml.NAMESPACE + "\n  annotations:\n"
            + String.join("", annotations.stream().map(a -> "    " + a + "\n").toList()));
  }

  /** The plugin set of generation {@code n}: every apply changes the marker and the leaky plugin. */
  private static String pluginSet(int n) {
    return WasmPluginYaml.documents(
        WasmPluginYaml.chainMarker("marker", "v" + n, "phase: AUTHN"),
        annotated("leaky", LEAK, List.of(
                "wasmgate.io/rebuild-memory-threshold: " + (4 + n % 2) + "Mi", "wasmgate.io/max-memory: 64Mi"),
            "phase: AUTHZ"),
        annotated("trapper", FAIL_ON_DEMAND, List.of(), "pluginConfig: {t: HU}", "failStrategy: FAIL_OPEN",
            "phase: STATS"),
        annotated("spinner", FAIL_ON_DEMAND, List.of("wasmgate.io/callback-timeout: 50ms"),
            "pluginConfig: {t: RP}", "failStrategy: FAIL_OPEN", "phase: STATS", "priority: 5"),
        annotated("grower", GROW, List.of("wasmgate.io/max-memory: 8Mi"),
            "failStrategy: FAIL_OPEN", "phase: STATS", "priority: 1"));
  }

  /**
   * A FAIL_CLOSE plugin whose every fifth configuration is one it rejects (chain-marker without a
   * tag): the canary refuses the change and the previous version must keep serving, so a rejected
   * reload that leaked into traffic would show up as 503s.
   */
  private static String picky(int n, boolean rejected) {
    return rejected
        ? WasmPluginYaml.plugin("picky", WasmPluginYaml.CHAIN_MARKER, "pluginConfig: {notag: " + n + "}")
        : WasmPluginYaml.chainMarker("picky", "p" + n);
  }

  @Test
  void noRequestIsLostWhilePluginsReloadTrapSpinAndLeak() throws Exception {
    apply(pluginSet(0));
    apply(picky(0, false));
    long baselineVms = 6 * 2; // six plugins, two workers
    Awaitility.await("the plugin set's VMs only (retired ones close after a grace period)")
        .atMost(Duration.ofSeconds(30)).until(() -> activeVms() == baselineVms);

    Load load = new Load(fixture.port(), RATE, CLIENTS);
    load.start();
    int reloads = 0;
    int rejected = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (System.nanoTime() < end || reloads < 100) {
      apply(pluginSet(++reloads));
      if (reloads % 5 == 0) {
        HttpResponse<String> refused =
            Http.post(fixture.admin, GatewayFixture.WASMPLUGINS, picky(reloads, true));
        assertThat(refused.statusCode()).as("rejected configuration: %s", refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("keeps serving");
        rejected++;
        apply(picky(reloads, false));
      }
      Thread.sleep(RELOAD_EVERY.toMillis());
    }
    load.stop();

    System.out.printf(
        "reliability: %d s, %d reloads (%d rejected configurations), %d requests, %d failed %s,"
            + " stats: %s%n",
        SECONDS, reloads, rejected, load.sent.sum(), load.failed.sum(), load.failures, pluginStats());
    assertThat(load.failures).as("failed requests by reason").isEmpty();
    assertThat(load.sent.sum()).isGreaterThan((long) SECONDS * RATE / 2);
    assertThat(fixture.chain(fixture.port())).first().isEqualTo("v" + reloads);
    assertThat(fixture.plugin("grower").get("traps").asLong()).isPositive();
    assertThat(fixture.gateway().isAlive()).isTrue();
    JsonNode leaky = fixture.plugin("leaky");
    assertThat(leaky.get("vmCount").asInt()).isEqualTo(2);
    assertThat(leaky.get("traps").asLong()).isZero();
    assertThat(leaky.get("memoryBytes").asLong()).isLessThan(2 * (64L << 20));
    assertThat(fixture.plugin("trapper").get("traps").asLong()).isPositive();

    // Failed VMs in backoff and rebuilt VMs waiting for their worker's next stream are alive by
    // design; once their plugins are gone, every VM that reloads, traps and rebuilds created must
    // have been released: only the marker's two remain.
    fixture.removePluginsExcept("marker");
    try {
      Awaitility.await("live VMs back to the baseline").atMost(Duration.ofSeconds(30))
          .until(() -> activeVms() == 2);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("live VMs not back to 2: " + vmStats(), e);
    }
  }

  @Test
  void aSpinningPluginFailsItsRequestsWhileOtherConnectionsAreServed() throws Exception {
    apply(WasmPluginYaml.documents(
        annotated("spin-close", FAIL_ON_DEMAND, List.of("wasmgate.io/callback-timeout: 300ms"),
            "pluginConfig: {t: HP}", "match: [{ports: [{number: " + fixture.port(1) + "}]}]")));

    Load load = new Load(fixture.port(0), 50, 4);
    load.start();
    List<Integer> spun = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      spun.add(Http.get(fixture.port(1), "/get").statusCode());
    }
    load.stop();

    assertThat(spun).containsOnly(503);
    assertThat(load.failures).as("requests on the other listener").isEmpty();
    assertThat(load.sent.sum()).isPositive();
    assertThat(fixture.plugin("spin-close").get("lastError").asString()).contains("300 ms call deadline");
    fixture.removePluginsExcept();
  }

  private static void apply(String yaml) throws Exception {
    HttpResponse<String> applied = Http.post(fixture.admin, GatewayFixture.WASMPLUGINS, yaml);
    assertThat(applied.statusCode()).as("apply: %s", applied.body()).isEqualTo(200);
  }

  private static long activeVms() throws Exception {
    for (String line : Http.get(fixture.admin, "/stats").body().split("\n")) {
      if (line.startsWith("wasm.vm.active: ")) {
        return Long.parseLong(line.substring("wasm.vm.active: ".length()).trim());
      }
    }
    return 0;
  }

  private static String vmStats() throws Exception {
    return String.join("; ", java.util.Arrays.stream(Http.get(fixture.admin, "/stats").body().split("\n"))
        .filter(l -> l.startsWith("wasm.plugin.vms") || l.startsWith("wasm.vm.active")
            || l.startsWith("wasm.plugin.rebuilds") || l.startsWith("wasm.plugin.reloads"))
        .toList());
  }

  private static String pluginStats() throws Exception {
    StringBuilder out = new StringBuilder();
    for (JsonNode p : fixture.plugins()) {
      out.append(p.get("name").asString()).append("{vms=").append(p.get("vmCount"))
          .append(", memory=").append(p.get("memoryBytes")).append(", traps=").append(p.get("traps"))
          .append(", reloads=").append(p.get("reloads")).append("} ");
    }
    return out.toString().trim();
  }

  /** Closed-loop clients paced to a total request rate; every non-200 answer is a failure. */
  private static final class Load {
    final LongAdder sent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final int port;
    private final long intervalNanos;
    private final int clients;
    private final ExecutorService pool;
    private volatile boolean running = true;

    Load(int port, int rate, int clients) {
      this.port = port;
      this.clients = clients;
      this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * clients / rate;
      this.pool = Executors.newFixedThreadPool(clients);
    }

    void start() {
      for (int i = 0; i < clients; i++) {
        pool.execute(this::run);
      }
    }

    private void run() {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/get"))
          .timeout(Duration.ofSeconds(10)).build();
      long next = System.nanoTime();
      while (running) {
        try {
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            fail("status " + response.statusCode() + " " + response.body().strip());
          }
        } catch (Exception e) {
          fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        sent.increment();
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          sleep(wait);
        }
      }
    }

    private void fail(String reason) {
      failed.increment();
      failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    private static void sleep(long nanos) {
      try {
        TimeUnit.NANOSECONDS.sleep(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void stop() throws InterruptedException {
      running = false;
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
