package io.wasmgate.runtime.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.HostFunctionSpec;
import io.wasmgate.runtime.InstanceOptions;
import io.wasmgate.runtime.ValueType;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmInstance;
import io.wasmgate.runtime.WasmTrapException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-code cache across "restarts": each load uses a fresh engine on the same directory. */
class CompiledCodeCacheTest {
  private static final List<HostFunctionSpec> BASICS_HOST =
      List.of(
          new HostFunctionSpec(
              "env", "twice", FunctionSignature.i32s(1), (i, args) -> new long[] {args[0] * 2}),
          new HostFunctionSpec(
              "env", "stop", new FunctionSignature(List.of(ValueType.I32), List.of()), (i, a) -> null));

  @TempDir Path dir;

  private CompiledModule load(byte[] wasm) {
    return WasmEngine.of(EngineKind.COMPILER, CompileCache.at(dir)).compile(wasm);
  }

  private static WasmInstance start(CompiledModule module, List<HostFunctionSpec> host) {
    return module.instantiate(host, InstanceOptions.DEFAULT);
  }

  @Test
  void secondLoadRunsTheCachedCodeWithoutCompiling() {
    byte[] wasm = wasm("basics");
    CompiledModule first = load(wasm);
    CompiledModule second = load(wasm);

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.sha256()).isEqualTo(first.sha256()).hasSize(64);
    assertThat(second.exports()).isEqualTo(first.exports());
    WasmInstance instance = start(second, BASICS_HOST);
    assertThat(instance.call("add", 40, 2)).containsExactly(42);
    assertThat(instance.call("call_twice", 21)).containsExactly(42);
    assertThat(instance.call("load", 16)).as("data segments still initialise memory")
        .containsExactly(0x6c6c6568L); // "hell", little-endian
  }

  @Test
  void entryIsKeyedByChicoryVersionAndModuleDigest() {
    CompiledModule module = load(wasm("basics"));

    Path entry =
        dir.resolve("chicory-" + ChicoryVersion.get().orElseThrow())
            .resolve(module.sha256() + ".classes");
    assertThat(entry).isRegularFile();
    assertThat(files()).containsExactly(entry).as("no temp file left behind");
  }

  @Test
  void functionsLeftToTheInterpreterKeepTheirBodiesWhenCached() {
    byte[] wasm = HugeFunctionModule.wasm(70_000);
    CompiledModule first = load(wasm);
    CompiledModule second = load(wasm);

    assertThat(second.fromCache()).isTrue();
    assertThat(start(first, List.of()).call("sum", 5)).containsExactly(70_005);
    assertThat(start(second, List.of()).call("sum", 5)).containsExactly(70_005);
    CompiledCodeStore store = new CompiledCodeStore(dir, ChicoryVersion.get().orElseThrow());
    byte[] skeleton = store.read(wasm, first.sha256()).orElseThrow().skeleton();
    ModuleSkeleton.Parsed parsed = ModuleSkeleton.parse(skeleton);
    assertThat(parsed.module().codeSection().getFunctionBody(0).instructions())
        .as("the fixture really falls back to the interpreter, so its body is kept")
        .hasSizeGreaterThan(70_000);
  }

  @Test
  void corruptOrTruncatedEntriesAreRecompiledAndReplaced() throws IOException {
    byte[] wasm = wasm("basics");
    Path entry = onlyFile(load(wasm));
    byte[] good = Files.readAllBytes(entry);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(entry, flipped);
    CompiledModule afterFlip = load(wasm);
    assertThat(afterFlip.fromCache()).isFalse();
    assertThat(start(afterFlip, BASICS_HOST).call("add", 1, 2)).containsExactly(3);
    assertThat(Files.readAllBytes(entry)).as("rewritten whole").isEqualTo(good);

    Files.write(entry, java.util.Arrays.copyOf(good, good.length / 3));
    assertThat(load(wasm).fromCache()).isFalse();
    assertThat(load(wasm).fromCache()).isTrue();
  }

  @Test
  void anEntryFiledUnderAnotherModulesDigestIsNotTrusted() throws IOException {
    Path basicsEntry = onlyFile(load(wasm("basics")));
    byte[] other = wasm("limits");
    CompiledModule limits = load(other);
    Path limitsEntry = basicsEntry.resolveSibling(limits.sha256() + ".classes");
    Files.copy(basicsEntry, limitsEntry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    CompiledModule reloaded = load(other);

    assertThat(reloaded.fromCache()).isFalse();
    assertThat(reloaded.exports()).isEqualTo(limits.exports());
  }

  @Test
  void anEntryOfTheFirstFormatIsRecompiledAndReplaced() throws IOException {
    byte[] wasm = wasm("basics");
    Path entry = onlyFile(load(wasm));
    ByteArrayOutputStream formatOne = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(formatOne);
    out.writeInt(0x57474343);
    out.writeInt(1);
    out.writeUTF(ChicoryVersion.get().orElseThrow());
    CRC32C crc = new CRC32C();
    crc.update(formatOne.toByteArray());
    out.writeLong(crc.getValue());
    Files.write(entry, formatOne.toByteArray());

    assertThat(load(wasm).fromCache()).isFalse();
    assertThat(load(wasm).fromCache()).isTrue();
  }

  @Test
  void aDigestFromTheCallerSkipsHashingButMustFitTheBytes() {
    byte[] basics = wasm("basics");
    byte[] limits = wasm("limits");
    String basicsSha256 = load(basics).sha256();
    WasmEngine engine = WasmEngine.of(EngineKind.COMPILER, CompileCache.at(dir));

    CompiledModule hit = engine.compile(basics, basicsSha256);
    assertThat(hit.fromCache()).isTrue();
    assertThat(hit.sha256()).isEqualTo(basicsSha256);
    assertThatThrownBy(() -> engine.compile(limits, basicsSha256))
        .as("the entry's length and CRC32C do not match, so the bytes are hashed: a wrong digest")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(basicsSha256);
    assertThat(engine.compile(basics, basicsSha256).fromCache()).as("entry untouched").isTrue();
  }

  @Test
  void anEntryUnderTheTrueDigestThatRecordsOtherBytesIsReplaced() {
    byte[] basics = wasm("basics");
    byte[] limits = wasm("limits");
    String basicsSha256 = WasmEngine.of(EngineKind.INTERPRETER).compile(basics).sha256();
    WasmEngine engine = WasmEngine.of(EngineKind.COMPILER, CompileCache.at(dir));
    // A caller that vouched for a wrong digest on a miss left limits' code under basics' digest.
    engine.compile(limits, basicsSha256);

    CompiledModule replaced = engine.compile(basics, basicsSha256);

    assertThat(replaced.fromCache()).isFalse();
    assertThat(start(replaced, BASICS_HOST).call("add", 40, 2)).containsExactly(42);
    CompiledModule hit = engine.compile(basics, basicsSha256);
    assertThat(hit.fromCache()).isTrue();
    assertThat(start(hit, BASICS_HOST).call("add", 1, 2)).containsExactly(3);
  }

  @Test
  void trapsInCachedCodeNameTheirWasmFrames() {
    byte[] wasm = wasm("traps");
    load(wasm);
    CompiledModule cached = load(wasm);

    assertThat(cached.fromCache()).isTrue();
    assertThatThrownBy(() -> start(cached, List.of()).call("nested_unreachable"))
        .isInstanceOf(WasmTrapException.class)
        .hasMessageContaining("wasm stack:\n  at inner\n  at ");
  }

  @Test
  void disabledCacheAndTheInterpreterWriteNothing() {
    byte[] wasm = wasm("basics");
    WasmEngine.of(EngineKind.COMPILER, CompileCache.disabled()).compile(wasm);
    CompiledModule interpreted =
        WasmEngine.of(EngineKind.INTERPRETER, CompileCache.at(dir)).compile(wasm);

    assertThat(interpreted.fromCache()).isFalse();
    assertThat(files()).isEmpty();
  }

  @Test
  void anUnwritableDirectoryOnlyCostsTheCache() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    CompiledModule module =
        WasmEngine.of(EngineKind.COMPILER, CompileCache.at(file)).compile(wasm("basics"));

    assertThat(start(module, BASICS_HOST).call("add", 2, 2)).containsExactly(4);
  }

  private Path onlyFile(CompiledModule loaded) {
    List<Path> files = files();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private List<Path> files() {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] wasm(String name) {
    try (InputStream in = CompiledCodeCacheTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
