package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmTrapException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PluginModule.start: entry points, root context, vm_start/configure outcomes. */
class VmStartTest {

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void configureReturningFalseRefusesTheVm(EngineKind engine) throws Exception {
    PluginModule module = ProxyWasmHost.load(Fixtures.wasm("configure_false"), engine);

    assertThatThrownBy(() -> module.start(Fixtures.spec("{}"), HostServices.NONE))
        .isInstanceOf(PluginLoadException.class)
        .hasMessage("plugin default.test-plugin: proxy_on_configure returned false");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTrapInConfigureRefusesTheVmWithTheTrap(EngineKind engine) throws Exception {
    PluginModule module = ProxyWasmHost.load(Fixtures.wasm("configure_false"), engine);

    assertThatThrownBy(() -> module.start(Fixtures.spec("trap"), HostServices.NONE))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageContaining("wasm trap in proxy_on_configure")
        .hasRootCauseInstanceOf(RuntimeException.class)
        .cause()
        .isInstanceOf(PluginTrapException.class)
        .cause()
        .isInstanceOf(WasmTrapException.class);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void reactorRunsStartSectionInitializeAndMainButNotStart(EngineKind engine) throws Exception {
    try (PluginVm vm =
        ProxyWasmHost.load(Fixtures.wasm("lifecycle"), engine)
            .start(Fixtures.spec(null), HostServices.NONE)) {
      TestStream stream = TestStream.get("/");
      try (HttpContext context = vm.createHttpContext(stream)) {
        context.onRequestHeaders(3, true);
      }

      assertThat(stream.requestHeaders.get("x-lifecycle")).isEqualTo("1110");
      assertThat(stream.requestHeaders.get("x-root")).isEqualTo("01");
      assertThat(stream.requestHeaders.get("x-parent")).isEqualTo("01");
      assertThat(stream.requestHeaders.get("x-context")).isEqualTo("02");
      assertThat(vm.isFailed()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void contextIdsIncreasePerVm(EngineKind engine) throws Exception {
    PluginModule module = ProxyWasmHost.load(Fixtures.wasm("lifecycle"), engine);
    try (PluginVm vm = module.start(Fixtures.spec(null), HostServices.NONE);
        PluginVm other = module.start(Fixtures.spec(null), HostServices.NONE)) {
      HttpContext first = vm.createHttpContext(TestStream.get("/"));
      first.close();
      HttpContext second = vm.createHttpContext(TestStream.get("/"));

      assertThat(first.contextId()).isEqualTo(2);
      assertThat(second.contextId()).isEqualTo(3);
      assertThat(other.createHttpContext(TestStream.get("/")).contextId()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void commandEndingWithProcExitZeroStarts(EngineKind engine) throws Exception {
    try (PluginVm vm =
        ProxyWasmHost.load(Fixtures.wasm("command"), engine)
            .start(Fixtures.spec(null), HostServices.NONE)) {
      TestStream stream = TestStream.get("/");
      vm.createHttpContext(stream).onRequestHeaders(3, true);

      assertThat(stream.requestHeaders.get("x-started")).isEqualTo("1");
      assertThat(vm.memoryBytes()).isEqualTo(65536);
    }
  }
}
