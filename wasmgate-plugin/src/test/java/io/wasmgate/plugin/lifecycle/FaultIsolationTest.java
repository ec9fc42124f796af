package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wasmgate.observability.StatName;
import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.runtime.EngineKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traps of every kind in every callback, the callback deadline and the memory cap: the stream
 * follows the failStrategy, the VM is replaced, and other plugins never notice.
 */
class FaultIsolationTest extends ManagerFixture {
  private static final Duration WAIT = Duration.ofSeconds(15);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("HU", "Trapped on unreachable instruction"),
        Arguments.of("HM", "out of bounds memory access"),
        Arguments.of("HO", "call stack exhausted"),
        Arguments.of("HX", "guest called proc_exit(3)"),
        Arguments.of("HP", "interrupted after exceeding the 100 ms call deadline"),
        Arguments.of("CU", "wasm trap in proxy_on_context_create"),
        Arguments.of("RU", "wasm trap in proxy_on_response_headers"),
        Arguments.of("RP", "wasm trap in proxy_on_response_headers: interrupted after exceeding"),
        Arguments.of("DU", "wasm trap in proxy_on_done"),
        Arguments.of("LX", "wasm trap in proxy_on_log: guest called proc_exit(3)"));
  }

  private static String failing(String name, String where, String... specLines) {
    String[] lines = Stream.concat(Stream.of("pluginConfig: {t: " + where + "}"), Stream.of(specLines))
        .toArray(String[]::new);
    // Only spinning plugins get the short deadline: deep recursion takes a while to overflow.
    List<String> annotations =
        where.endsWith("P") ? List.of("wasmgate.io/callback-timeout: 100ms") : List.of();
    return Fixtures.annotated(name, Fixtures.FAIL_ON_DEMAND, annotations, lines);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailureIsHandledPerStrategyAndTheVmReplaced(String where, String message) throws Exception {
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        failing("bad", where, "phase: AUTHN"),
        Fixtures.marker("good", "good", "phase: STATS")));
    start();

    TestStream stream = request(8080);

    boolean beforeResponse = where.charAt(0) == 'C' || where.charAt(0) == 'H' || where.charAt(0) == 'R';
    assertThat(stream.status()).isEqualTo(beforeResponse ? 503 : 200);
    if (where.charAt(0) != 'C' && where.charAt(0) != 'H') {
      assertThat(stream.requestValues("x-chain")).containsExactly("good"); // the upstream was reached
    }
    assertThat(counter("wasm.plugin.traps", "default.bad")).isEqualTo(1);
    assertThat(status("bad").lastError()).contains(message);
    await().atMost(WAIT).until(() -> {
      request(8080);
      return counter("wasm.plugin.reloads", "default.bad") >= 1;
    });
    assertThat(counter("wasm.plugin.traps", "default.good")).isZero();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void failOpenSkipsASpinningPluginAndTheNextPluginsStillRun() throws Exception {
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        failing("spin", "HP", "failStrategy: FAIL_OPEN", "phase: AUTHN"),
        Fixtures.marker("good", "good", "phase: STATS")));
    start();

    TestStream stream = request(8080);

    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.requestValues("x-chain")).containsExactly("good");
    assertThat(status("spin").lastError()).contains("100 ms call deadline");
  }

  @Test
  void memoryBeyondTheCapIsATrapNotAGatewayOutOfMemory() throws Exception {
    Fixtures.write(dir, "p.yaml",
        Fixtures.annotated("hog", Fixtures.GROW_UNBOUNDED, List.of("wasmgate.io/max-memory: 8Mi")));
    start();

    for (int i = 0; i < 3; i++) {
      assertThat(request(8080).status()).isEqualTo(503);
    }
    PluginStatus status = status("hog");
    assertThat(status.traps()).isPositive();
    assertThat(status.lastError()).contains("Trapped on unreachable instruction");
    assertThat(status.memoryBytes()).isLessThanOrEqualTo(WORKERS * (8L << 20));
  }

  @Test
  void theLeakGuardRebuildsALeakingVmWithoutFailingAStream() throws Exception {
    Fixtures.write(dir, "p.yaml", Fixtures.annotated("leak", Fixtures.LEAK_PER_REQUEST,
        List.of("wasmgate.io/rebuild-memory-threshold: 4Mi", "wasmgate.io/max-memory: 64Mi")));
    start();

    for (int i = 0; i < 40; i++) {
      assertThat(request(8080).status()).isEqualTo(200);
      Thread.sleep(5); // a gentle pace, as traffic has: the rebuild runs in the background
    }
    assertThat(counter("wasm.plugin.rebuilds", "default.leak")).isPositive();
    assertThat(status("leak").traps()).isZero();
    assertThat(status("leak").vmCount()).isEqualTo(WORKERS);
    assertThat(status("leak").memoryBytes()).isLessThan(WORKERS * (16L << 20));
  }

  @Test
  void rebuildAfterRequestsReplacesTheVmEveryNStreams() throws Exception {
    Fixtures.write(dir, "p.yaml", Fixtures.annotated("m", Fixtures.CHAIN_MARKER,
        List.of("wasmgate.io/rebuild-after-requests: \"5\""), "pluginConfig: {tag: m}"));
    start();

    for (int i = 0; i < 12; i++) {
      assertThat(request(8080).requestValues("x-chain")).containsExactly("m");
      Thread.sleep(5);
    }
    assertThat(counter("wasm.plugin.rebuilds", "default.m")).isBetween(1L, 2L);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTrapIsLoggedOnceWithPluginCallbackActionAndWasmStack(EngineKind engine) throws Exception {
    Fixtures.write(dir, "p.yaml", failing("bad", "HU", "failStrategy: FAIL_OPEN"));
    start(engine, RemoteModules.defaults());
    Logger logs = (Logger) LoggerFactory.getLogger("io.wasmgate");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logs.addAppender(appender);
    try {
      assertThat(request(8080).status()).isEqualTo(200);
    } finally {
      logs.detachAppender(appender);
    }

    List<String> lines = appender.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
    assertThat(lines).singleElement().asString()
        .startsWith("wasm plugin default.bad failed in onRequestHeaders (FAIL_OPEN: plugin skipped for this stream): ")
        .contains("wasm trap in proxy_on_request_headers: Trapped on unreachable instruction")
        .contains("\nwasm stack:\n  at ");
  }

  @Test
  void reloadsReleaseEveryOldVm() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v0"));
    start();
    long baseline = activeVms();

    for (int i = 1; i <= 20; i++) {
      manager.apply(Fixtures.marker("a", "v" + i));
      assertThat(request(8080).requestValues("x-chain")).containsExactly("v" + i);
    }

    await().atMost(WAIT).until(() -> activeVms() == baseline);
    assertThat(gauge("wasm.plugin.vms", "default.a")).isEqualTo(WORKERS);
    assertThat(status("a").vmCount()).isEqualTo(WORKERS);
  }

  private long activeVms() {
    return stats.gauges().getOrDefault(new StatName("wasm.vm.active", new TreeMap<>(Map.of())), 0L);
  }
}
