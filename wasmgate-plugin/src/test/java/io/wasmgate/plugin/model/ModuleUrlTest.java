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

  @Test
  void imagesWithAndWithoutScheme() {
    ModuleUrl oci = ModuleUrl.parse("oci://127.0.0.1:5000/test-oci/header-authorization:v0.0.1");
    assertThat(oci.isRemote()).isTrue();
    assertThat(oci.image().registry()).isEqualTo("127.0.0.1:5000");
    assertThat(oci.image().tag()).isEqualTo("v0.0.1");
    assertThat(ModuleUrl.parse("ghcr.io/org/plugin").image().tag()).isEqualTo("latest");
  }

  @Test
  void httpDownloads() {
    ModuleUrl http = ModuleUrl.parse("https://example.com/plugins/p.wasm.tar.gz");
    assertThat(http.isRemote()).isTrue();
    assertThat(http.http().getHost()).isEqualTo("example.com");
    assertThat(http.image()).isNull();
  }
}
