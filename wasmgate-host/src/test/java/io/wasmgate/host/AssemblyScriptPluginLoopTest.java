package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.wasmgate.abi.Action;
import io.wasmgate.host.HostFeatureFixtures.MapMetrics;
import io.wasmgate.host.HttpCallDispatcher.Response;
import io.wasmgate.runtime.EngineKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The AssemblyScript plugin (proxy-runtime 0.1.8, refcounted heap, legacy malloc) driven through
 * hundreds of stream contexts on one VM, over every path of its conformance suite. Its heap is
 * deterministic here (no ticks, one thread), so a guest double free shows as a trap within a few
 * contexts instead of now and then in the gateway (issue 3: a callout naming its cluster freed a
 * header value twice).
 */
class AssemblyScriptPluginLoopTest {
  private static final String AS_CONFORMANCE = "../plugins/assemblyscript/conformance/plugin.wasm";
  private static final int ROUNDS = 20;
  /** A cluster the dispatcher knows: naming it (not the default) is what freed a string twice. */
  private static final String NOWHERE = "nowhere";

  /** The SDK logs every step at debug: keep that out of the test output. */
  private final Logger wasmLog = (Logger) LoggerFactory.getLogger("wasm");
  private Level previousLevel;

  @BeforeEach
  void quietPluginLog() {
    previousLevel = wasmLog.getLevel();
    wasmLog.setLevel(Level.INFO);
  }

  @AfterEach
  void restorePluginLog() {
    wasmLog.setLevel(previousLevel);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void vmSurvivesManyContextsOnEveryPath(EngineKind engine) throws Exception {
    Callouts callouts = new Callouts();
    HostServices services =
        new GatewayServices(new MapMetrics(), NodeProperties.NONE, List.of(), callouts);
    // What is tested is the heap, not speed: a cold interpreter on a busy machine gets time.
    VmLimits limits = new VmLimits(Duration.ofSeconds(30), VmLimits.DEFAULT_MAX_MEMORY_BYTES);
    PluginSpec spec =
        new PluginSpec("default.as", "conformance", "", null, null, Map.of(), limits);
    try (PluginVm vm = HostFeatureFixtures.module(AS_CONFORMANCE, engine).start(spec, services)) {
      for (int round = 0; round < ROUNDS; round++) {
        assertThat(run(vm, callouts, "headers", "test", "original")).isEqualTo(Action.CONTINUE);
        assertThat(run(vm, callouts, "shared")).isEqualTo(Action.CONTINUE);
        assertThat(run(vm, callouts, "metrics")).isEqualTo(Action.CONTINUE);
        assertThat(run(vm, callouts, "misc")).isEqualTo(Action.CONTINUE);
        assertThat(run(vm, callouts, "close")).isEqualTo(Action.PAUSE);

        callouts.answer = ok(200);
        TestStream resumed = stream("callout", "x-callout-status", "200");
        assertThat(run(vm, callouts, resumed)).isEqualTo(Action.PAUSE);
        assertThat(resumed.requestHeaders.get("x-as-callout")).isEqualTo("200");

        callouts.answer = ok(503);
        TestStream denied =
            stream("callout", "x-callout-status", "200", "x-callout-cluster", NOWHERE);
        run(vm, callouts, denied);
        assertThat(new String(denied.localResponses.get(0).body())).isEqualTo("as denied 503");

        callouts.answer = Response.failed("reset");
        TestStream failed =
            stream("callout", "x-callout-status", "200", "x-callout-cluster", NOWHERE);
        run(vm, callouts, failed);
        assertThat(failed.localResponses.get(0).status()).isEqualTo(503);

        TestStream refused =
            stream("callout", "x-callout-status", "200", "x-callout-cluster", "no-such-cluster");
        run(vm, callouts, refused);
        assertThat(new String(refused.localResponses.get(0).body()))
            .isEqualTo("as callout refused");

        assertThat(vm.isFailed()).as("round %d: %s", round, vm.lastError()).isFalse();
      }
    }
  }

  private static Response ok(int status) {
    List<Map.Entry<String, String>> headers = List.of(Map.entry(":status", String.valueOf(status)));
    return new Response(headers, new byte[0], List.of(), null);
  }

  private static TestStream stream(String mode, String... headers) {
    List<String> all = new ArrayList<>(List.of("x-mode", mode));
    all.addAll(List.of(headers));
    TestStream stream = TestStream.get("/headers", all.toArray(String[]::new));
    stream.responseHeaders = ListHeaderMap.of(":status", "200");
    return stream;
  }

  private static Action run(PluginVm vm, Callouts callouts, String mode, String... headers) {
    return run(vm, callouts, stream(mode, headers));
  }

  /** One stream's whole life, with a callout's response delivered as the worker would: later. */
  private static Action run(PluginVm vm, Callouts callouts, TestStream stream) {
    try (HttpContext context = vm.createHttpContext(stream)) {
      Action action = context.onRequestHeaders(stream.requestHeaders.entries().size(), true);
      callouts.deliverPending();
      context.onResponseHeaders(1, true);
      context.onDone();
      context.onLog();
      return action;
    }
  }

  /** Clusters "httpbin" and "nowhere" answer {@link #answer}; any other name is unknown. */
  private static final class Callouts implements HttpCallDispatcher {
    Response answer;
    private final List<Consumer<Response>> pending = new ArrayList<>();

    @Override
    public boolean hasCluster(String cluster) {
      return cluster.equals("httpbin") || cluster.equals(NOWHERE);
    }

    @Override
    public Call dispatch(Request request, Consumer<Response> onResponse) {
      pending.add(onResponse);
      return () -> pending.remove(onResponse);
    }

    void deliverPending() {
      List<Consumer<Response>> due = List.copyOf(pending);
      pending.clear();
      due.forEach(callback -> callback.accept(answer));
    }
  }
}
