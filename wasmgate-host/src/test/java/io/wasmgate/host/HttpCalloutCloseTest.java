package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.abi.Action;
import io.wasmgate.abi.StreamType;
import io.wasmgate.host.HostFeatureFixtures.MapMetrics;
import io.wasmgate.runtime.EngineKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The C auth-callout plugin (plugins/c/auth-callout) makes one HTTP callout per request: closing
 * its VM cancels the calls still open, once each, and leaves alone those already answered (the
 * data plane's side, a real upstream connection closed, is tested in wasmgate-proxy).
 */
class HttpCalloutCloseTest {
  private static final String AUTH_CALLOUT = "../plugins/c/auth-callout/plugin.wasm";

  @Test
  void closingTheVmCancelsOnlyTheCallsStillOpen() throws Exception {
    Clusters clusters = new Clusters();
    HostServices services =
        new GatewayServices(new MapMetrics(), NodeProperties.NONE, List.of(), clusters);
    TestStream answered = TestStream.get("/a", "x-token", "a");
    TestStream abandoned = TestStream.get("/b", "x-token", "b");
    PluginVm vm =
        HostFeatureFixtures.module(AUTH_CALLOUT, EngineKind.INTERPRETER)
            .start(Fixtures.spec(null), services);
    try (HttpContext first = vm.createHttpContext(answered);
        HttpContext second = vm.createHttpContext(abandoned)) {
      assertThat(first.onRequestHeaders(4, true)).isEqualTo(Action.PAUSE);
      assertThat(second.onRequestHeaders(4, true)).isEqualTo(Action.PAUSE);
      assertThat(clusters.calls).hasSize(2);

      clusters.calls.get(0).answer(200, "alice");
      assertThat(answered.streamCalls).containsExactly("continue " + StreamType.HTTP_REQUEST);
    }
    vm.close();

    assertThat(clusters.calls.get(0).cancels).isZero();
    assertThat(clusters.calls.get(1).cancels).isEqualTo(1);
    assertThat(abandoned.streamCalls).isEmpty();
  }

  /** Cluster "auth" only; each call is kept to be answered (or cancelled) by the test. */
  private static final class Clusters implements HttpCallDispatcher {
    final List<OpenCall> calls = new ArrayList<>();

    @Override
    public boolean hasCluster(String cluster) {
      return cluster.equals("auth");
    }

    @Override
    public Call dispatch(Request request, Consumer<Response> onResponse) {
      OpenCall call = new OpenCall(onResponse);
      calls.add(call);
      return call;
    }
  }

  private static final class OpenCall implements HttpCallDispatcher.Call {
    private final Consumer<HttpCallDispatcher.Response> onResponse;
    int cancels;

    OpenCall(Consumer<HttpCallDispatcher.Response> onResponse) {
      this.onResponse = onResponse;
    }

    void answer(int status, String body) {
      onResponse.accept(
          new HttpCallDispatcher.Response(
              List.of(Map.entry(":status", Integer.toString(status))), body.getBytes(), List.of(), null));
    }

    @Override
    public void cancel() {
      cancels++;
    }
  }
}
