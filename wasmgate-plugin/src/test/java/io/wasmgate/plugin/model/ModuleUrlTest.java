package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleUrlTest {
  private static final Path CWD = Path.of("").toAbsolutePath();

  @Test
  void absoluteFileUrl() {
    assertThat(ModuleUrl.parse("file:///opt/p/plugin.wasm").path()).isEqualTo(Path.of("/opt/p/plugin.wasm"));
  }

  @Test
  void relativeFileUrlResolvesAgainstTheWorkingDirectory() {
    assertThat(ModuleUrl.parse("file://plugins/c/plugin.wasm").path()).isEqualTo(CWD.resolve("plugins/c/plugin.wasm"));
  }

  @Test
  void plainPaths() {
    assertThat(ModuleUrl.parse("/opt/p.wasm").path()).isEqualTo(Path.of("/opt/p.wasm"));
    assertThat(ModuleUrl.parse("./p.wasm").path()).isEqualTo(CWD.resolve("p.wasm"));
    assertThat(ModuleUrl.parse("../x/p.wasm").path()).isEqualTo(CWD.getParent().resolve("x/p.wasm"));
  }

  @Test
  void keepsTheUrlAsWritten() {
    assertThat(ModuleUrl.parse("file://rel/p.wasm").url()).isEqualTo("file://rel/p.wasm");
  }
}
