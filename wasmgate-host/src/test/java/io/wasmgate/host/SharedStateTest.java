package io.wasmgate.host;

import static io.wasmgate.host.HostFeatureFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.host.HostFeatureFixtures.MapMetrics;
import io.wasmgate.host.HostFeatureFixtures.ThreadedLog;
import io.wasmgate.runtime.EngineKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timers, shared data and shared queues across two worker VMs, with the same behaviour from a C
 * plugin (raw ABI) and a Go plugin (proxy-wasm-go-sdk), under both engines.
 */
class SharedStateTest {
  private final ScheduledThreadPoolExecutor worker0 = HostFeatureFixtures.worker("worker-0");
  private final ScheduledThreadPoolExecutor worker1 = HostFeatureFixtures.worker("worker-1");
  private final MapMetrics metrics = new MapMetrics();
  private final GatewayServices gateway = new GatewayServices(metrics, null);

  static Stream<Arguments> plugins() {
    return Stream.of(HostFeatureFixtures.C_SHARED_STATE, HostFeatureFixtures.GO_SHARED_STATE)
        .flatMap(p -> Stream.of(EngineKind.values()).map(e -> Arguments.of(p, e)));
  }

  @AfterEach
  void stopWorkers() {
    worker0.shutdownNow();
    worker1.shutdownNow();
  }

  private PluginVm start(String plugin, EngineKind engine, String config, ScheduledThreadPoolExecutor worker)
      throws PluginLoadException {
    return HostFeatureFixtures.module(plugin, engine)
        .start(Fixtures.spec(config), gateway.onWorker(worker));
  }

  private static <T> T on(ScheduledThreadPoolExecutor worker, Callable<T> task) throws Exception {
    return worker.submit(task).get();
  }

  /** Runs one request through {@code vm} on its worker and returns the request headers after it. */
  private static HeaderMap request(PluginVm vm, ScheduledThreadPoolExecutor worker, String... headers)
      throws Exception {
    TestStream stream = TestStream.get("/", headers);
    on(worker, () -> {
      try (HttpContext context = vm.createHttpContext(stream)) {
        context.onRequestHeaders(stream.requestHeaders.size(), false);
      }
      return null;
    });
    return stream.requestHeaders;
  }

  private static byte[] u32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  @ParameterizedTest
  @MethodSource("plugins")
  void ticksRunOnEachVmsWorkerAndCasKeepsTheSharedCountExact(String plugin, EngineKind engine)
      throws Exception {
    gateway.sharedData().set("", "ticks", u32(0), 0); // from here on every increment is a CAS
    try (ThreadedLog log = new ThreadedLog()) {
      PluginVm first = start(plugin, engine, "{\"tick_ms\": 10}", worker0);
      PluginVm second = start(plugin, engine, "{\"tick_ms\": 10}", worker1);
      await("3 ticks on each worker", () -> ticksOn(log, "worker-0") >= 3 && ticksOn(log, "worker-1") >= 3);
      first.close();
      second.close();

      List<ThreadedLog.Line> ticks = ticks(log);
      assertThat(ticks).extracting(ThreadedLog.Line::thread).containsOnly("worker-0", "worker-1");
      assertThat(log.lines("tick period")).extracting(ThreadedLog.Line::message)
          .containsOnly("tick period 10: status 0");
      byte[] shared = gateway.sharedData().get("", "ticks").value();
      assertThat(ByteBuffer.wrap(shared).order(ByteOrder.LITTLE_ENDIAN).getInt())
          .as("every tick's increment survived the other worker's").isEqualTo(ticks.size());
      // A periodic task cancelled while it runs is re-queued once by the JDK and dropped when due,
      // so the queues empty within one period rather than at once.
      await("closing cancels the timers",
          () -> worker0.getQueue().isEmpty() && worker1.getQueue().isEmpty());
      int afterClose = ticks(log).size();
      Thread.sleep(50); // five periods
      assertThat(ticks(log)).as("no tick after close").hasSize(afterClose);
    }
  }

  private static List<ThreadedLog.Line> ticks(ThreadedLog log) {
    return log.lines("tick").stream().filter(line -> line.message().equals("tick")).toList();
  }

  private static long ticksOn(ThreadedLog log, String worker) {
    return ticks(log).stream().filter(line -> line.thread().equals(worker)).count();
  }

  @ParameterizedTest
  @MethodSource("plugins")
  void enqueueWakesTheRegisteringVmOnItsOwnWorker(String plugin, EngineKind engine) throws Exception {
    try (ThreadedLog log = new ThreadedLog();
        PluginVm owner = start(plugin, engine, "{\"register\": 1}", worker0);
        PluginVm producer = start(plugin, engine, "{}", worker1)) {
      HeaderMap headers = request(producer, worker1, "x-enqueue", "hello");

      assertThat(headers.get("x-enqueue-status")).as("resolve, enqueue").isEqualTo("0,0");
      await("the queue drained", () -> !log.lines("dequeue stopped").isEmpty());
      assertThat(log.lines("registered queue events")).extracting(ThreadedLog.Line::message)
          .containsExactly("registered queue events: status 0");
      assertThat(log.lines("dequeued")).containsExactly(new ThreadedLog.Line("worker-0", "dequeued hello"));
      assertThat(log.lines("dequeue stopped")).extracting(ThreadedLog.Line::message)
          .containsExactly("dequeue stopped: status 7");
    }
  }

  @ParameterizedTest
  @MethodSource("plugins")
  void sharedDataFollowsEnvoysCasRules(String plugin, EngineKind engine) throws Exception {
    try (PluginVm vm = start(plugin, engine, "{}", worker0)) {
      HeaderMap headers = request(vm, worker0, "x-cas", "1");

      assertThat(headers.get("x-cas-status"))
          .as("set cas 0, get, set stale cas = CAS_MISMATCH, set current cas, get missing = NOT_FOUND")
          .isEqualTo("0,0,8,0,1");
      assertThat(new String(gateway.sharedData().get("", "cas-key").value())).isEqualTo("c");
    }
  }

  @ParameterizedTest
  @MethodSource("plugins")
  void withoutAWorkerTheTickPeriodIsUnimplemented(String plugin, EngineKind engine) throws Exception {
    try (ThreadedLog log = new ThreadedLog();
        PluginVm vm = HostFeatureFixtures.module(plugin, engine).start(Fixtures.spec("{\"tick_ms\": 5}"), gateway)) {
      assertThat(vm.isFailed()).isFalse();
      assertThat(log.lines("tick period")).extracting(ThreadedLog.Line::message)
          .containsExactly("tick period 5: status 12");
    }
  }

  @ParameterizedTest
  @MethodSource("io.wasmgate.host.SharedStateTest#goPlugin")
  void goSdkMetricsAreGatewayWide(EngineKind engine) throws Exception {
    String plugin = HostFeatureFixtures.GO_SHARED_STATE;
    try (PluginVm first = start(plugin, engine, "{}", worker0);
        PluginVm second = start(plugin, engine, "{}", worker1)) {
      assertThat(request(first, worker0).get("x-metrics")).isEqualTo("counter=1;gauge=3");
      assertThat(request(second, worker1).get("x-metrics")).isEqualTo("counter=2;gauge=6");
    }
    assertThat(metrics.counters.get("go_requests").sum()).isEqualTo(2);
    assertThat(metrics.histograms).isEqualTo(Map.of("go_sizes", List.of(42L, 42L)));
  }

  static Stream<EngineKind> goPlugin() {
    return Stream.of(EngineKind.values());
  }
}
