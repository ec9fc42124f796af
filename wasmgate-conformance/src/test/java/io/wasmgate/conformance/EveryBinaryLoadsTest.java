package io.wasmgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.ProxyWasmHost;
import io.wasmgate.runtime.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "A binary built by any of these SDKs instantiates without missing imports": every committed
 * plugin binary (Go SDK, C, AssemblyScript, Rust SDK, WAT, the tutorial) loads on both engines.
 */
class EveryBinaryLoadsTest {
  /** WAT fixtures that are broken on purpose: no ABI marker, an import nobody provides. */
  static final Set<String> BROKEN_ON_PURPOSE = Set.of("wat/no-abi-marker.wasm", "wat/missing-import.wasm");

  static Stream<Arguments> binaries() throws IOException {
    List<Path> found;
    try (Stream<Path> files = Files.walk(Plugins.ROOT)) {
      found = files
          .filter(f -> f.toString().endsWith(".wasm"))
          .filter(f -> !f.toString().contains("node_modules"))
          .filter(f -> !BROKEN_ON_PURPOSE.contains(Plugins.ROOT.relativize(f).toString()))
          .sorted()
          .toList();
    }
    Path tutorial = Plugins.ROOT.resolveSibling("examples/header-authorization/plugin.wasm");
    return Stream.concat(found.stream(), Stream.of(tutorial))
        .flatMap(f -> Stream.of(EngineKind.values()).map(e -> Arguments.of(Plugins.ROOT.getParent().relativize(f).toString(), e)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("binaries")
  void loadsWithoutMissingImports(String binary, EngineKind engine) throws Exception {
    byte[] wasm = Files.readAllBytes(Plugins.ROOT.getParent().resolve(binary));

    assertThatCode(() -> ProxyWasmHost.load(wasm, engine)).doesNotThrowAnyException();
  }

  @Test
  void everyLanguageIsAmongTheBinaries() throws IOException {
    assertThat(binaries().map(a -> (String) a.get()[0]))
        .contains("plugins/go/conformance/plugin.wasm", "plugins/c/auth-callout/plugin.wasm",
            "plugins/assemblyscript/conformance/plugin.wasm", "plugins/rust/conformance/plugin.wasm",
            "plugins/wat/trap-on-request.wasm",
            "examples/header-authorization/plugin.wasm");
  }

  /** The check has teeth: the fixture importing an unknown function is refused, naming it. */
  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aMissingImportIsRefusedByName(EngineKind engine) throws Exception {
    byte[] wasm = Files.readAllBytes(Plugins.ROOT.resolve("wat/missing-import.wasm"));

    assertThatThrownBy(() -> ProxyWasmHost.load(wasm, engine))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageContaining("proxy_does_not_exist");
  }
}
