package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.runtime.EngineKind;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What ProxyWasmHost.load refuses, before any instance exists, and what it reports. */
class ModuleLoadTest {

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void detectsTheAbiAndDescribesTheModule(EngineKind engine) throws Exception {
    byte[] wasm = Fixtures.wasm("header_edits");

    PluginModule module = ProxyWasmHost.load(wasm, engine);

    assertThat(module.abiVersion()).isEqualTo(AbiVersion.V0_2_1);
    assertThat(ProxyWasmHost.load(Fixtures.wasm("v010"), engine).abiVersion())
        .isEqualTo(AbiVersion.V0_1_0);
    assertThat(module.sizeBytes()).isEqualTo(wasm.length);
    assertThat(module.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm)));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void refusesAModuleWithoutAKnownAbiMarker(EngineKind engine) {
    assertThatThrownBy(() -> ProxyWasmHost.load(Fixtures.wasm("no_marker"), engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessage(
            "no Proxy-Wasm ABI marker export (expected one of proxy_abi_version_0_1_0, "
                + "proxy_abi_version_0_2_0, proxy_abi_version_0_2_1; "
                + "found unsupported proxy_abi_version_0_2_100)");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void namesEveryMissingImport(EngineKind engine) {
    assertThatThrownBy(() -> ProxyWasmHost.load(Fixtures.wasm("missing_import"), engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessage(
            "missing import env.proxy_foo, "
                + "missing import wasi_snapshot_preview1.not_a_wasi_call");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void refusesAModuleWithoutAnAllocator(EngineKind engine) {
    assertThatThrownBy(() -> ProxyWasmHost.load(Fixtures.wasm("no_allocator"), engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageContaining("no allocator (expected proxy_on_memory_allocate or malloc");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void refusesBytesThatAreNotWasm(EngineKind engine) {
    assertThatThrownBy(() -> ProxyWasmHost.load("<html>not found</html>".getBytes(), engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageStartingWith("invalid wasm module: ");
    assertThatThrownBy(() -> ProxyWasmHost.load(null, engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessage("no wasm module bytes given");
  }
}
