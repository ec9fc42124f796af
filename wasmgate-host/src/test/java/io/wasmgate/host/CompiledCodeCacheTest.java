package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.abi.Action;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Go tutorial plugin across a "restart": the second load runs the code the first compiled. */
class CompiledCodeCacheTest {
  private static final Path GO = Path.of("../examples/header-authorization/plugin.wasm");

  @TempDir Path cacheDir;

  @Test
  void goPluginStartsAndServesFromItsCachedCode() throws Exception {
    byte[] wasm = Files.readAllBytes(GO);
    CompileCache cache = CompileCache.at(cacheDir);
    PluginModule compiled = ProxyWasmHost.load(wasm, EngineKind.COMPILER, cache);
    Path entry = onlyEntry();
    Object written = Files.readAttributes(entry, BasicFileAttributes.class).fileKey();

    PluginModule cached = ProxyWasmHost.load(wasm, EngineKind.COMPILER, cache);

    assertThat(entry.getFileName().toString()).isEqualTo(compiled.sha256() + ".classes");
    assertThat(Files.readAttributes(entry, BasicFileAttributes.class).fileKey())
        .as("read, not compiled and published again")
        .isEqualTo(written);
    assertThat(cached.sha256()).isEqualTo(compiled.sha256());
    try (PluginVm vm = cached.start(Fixtures.spec(null), HostServices.NONE)) {
      TestStream allowed = TestStream.get("/get", "allow", "true");
      try (HttpContext context = vm.createHttpContext(allowed)) {
        assertThat(context.onRequestHeaders(allowed.requestHeaders.size(), true))
            .isEqualTo(Action.CONTINUE);
      }
      TestStream refused = TestStream.get("/get");
      try (HttpContext context = vm.createHttpContext(refused)) {
        assertThat(context.onRequestHeaders(refused.requestHeaders.size(), true))
            .isEqualTo(Action.PAUSE);
      }
      assertThat(refused.localResponses)
          .singleElement()
          .satisfies(response -> assertThat(response.status()).isEqualTo(403));
    }
  }

  private Path onlyEntry() throws Exception {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      List<Path> entries = files.filter(Files::isRegularFile).toList();
      assertThat(entries).hasSize(1);
      return entries.get(0);
    }
  }
}
