package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.abi.Action;
import io.wasmgate.runtime.EngineKind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalResponseTest {

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void pluginAnswersWithALocalResponseAndPauses(EngineKind engine) throws Exception {
    TestStream stream = TestStream.get("/");
    try (PluginVm vm =
            ProxyWasmHost.load(Fixtures.wasm("local_response"), engine)
                .start(Fixtures.spec(null), HostServices.NONE);
        HttpContext context = vm.createHttpContext(stream)) {

      assertThat(context.onRequestHeaders(3, true)).isEqualTo(Action.PAUSE);
      assertThat(context.onResponseHeaders(1, true)).as("not exported").isEqualTo(Action.CONTINUE);
      context.onDone();
      context.onLog();
    }

    assertThat(stream.localResponses).hasSize(1);
    LocalResponse response = stream.localResponses.get(0);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.details()).isEqualTo("denied_by_test");
    assertThat(new String(response.body())).isEqualTo("Forbidden");
    assertThat(response.headers()).containsExactly(Map.entry("x-reason", "test"));
    assertThat(response.grpcStatus()).isEqualTo(-1);
  }
}
