package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.runtime.EngineKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A trap in any callback fails the VM for good and reaches the caller as PluginTrapException. */
class TrapTest {

  private static PluginVm start(EngineKind engine) throws PluginLoadException {
    return ProxyWasmHost.load(Fixtures.wasm("trap"), engine)
        .start(Fixtures.spec(null), HostServices.NONE);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unreachableFailsTheVm(EngineKind engine) throws Exception {
    try (PluginVm vm = start(engine)) {
      HttpContext context = vm.createHttpContext(TestStream.get("/"));

      assertThatThrownBy(() -> context.onRequestHeaders(3, true))
          .isInstanceOf(PluginTrapException.class)
          .hasMessageStartingWith(
              "plugin default.test-plugin: wasm trap in proxy_on_request_headers");
      assertThat(vm.isFailed()).isTrue();
      assertThat(vm.lastError()).contains("proxy_on_request_headers");
      if (engine == EngineKind.COMPILER) {
        assertThat(vm.lastError()).contains("wasm stack:\n  at panic");
      }
      assertThatThrownBy(() -> vm.createHttpContext(TestStream.get("/")))
          .isInstanceOf(PluginTrapException.class)
          .hasMessageContaining("VM failed earlier");
      context.close();
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void procExitInACallbackIsATrap(EngineKind engine) throws Exception {
    try (PluginVm vm = start(engine)) {
      HttpContext context = vm.createHttpContext(TestStream.get("/"));

      assertThatThrownBy(() -> context.onResponseHeaders(1, true))
          .isInstanceOf(PluginTrapException.class)
          .hasMessageContaining("proc_exit(2)");
      assertThat(vm.lastError())
          .isEqualTo("wasm trap in proxy_on_response_headers: guest called proc_exit(2)");
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void runawayRecursionIsATrap(EngineKind engine) throws Exception {
    try (PluginVm vm = start(engine)) {
      HttpContext context = vm.createHttpContext(TestStream.get("/"));

      assertThatThrownBy(() -> context.onRequestBody(10, true))
          .isInstanceOf(PluginTrapException.class)
          .hasMessageContaining("call stack exhausted");
      assertThat(vm.lastError()).contains("proxy_on_request_body");
    }
  }
}
