package io.wasmgate.runtime.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.InstanceOptions;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmException;
import io.wasmgate.runtime.WasmInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached and compiled modules run with their data section coalesced; memory must start out exactly
 * as the interpreter, which runs the module as written, leaves it.
 */
class CoalescedDataTest {
  @TempDir Path dir;

  private CompiledModule compiled(byte[] wasm) {
    return WasmEngine.of(EngineKind.COMPILER, CompileCache.at(dir)).compile(wasm);
  }

  private static WasmInstance start(CompiledModule module) {
    return module.instantiate(List.of(), InstanceOptions.DEFAULT);
  }

  private static byte[] memory(WasmInstance instance) {
    return instance.memory().read(0, instance.memory().sizeBytes());
  }

  @Test
  void coalescedSegmentsLeaveMemoryAsTheModuleWritesIt() {
    byte[] wasm = wasm("data_segments");
    byte[] asWritten = memory(start(WasmEngine.of(EngineKind.INTERPRETER).compile(wasm)));
    CompiledModule fresh = compiled(wasm);
    CompiledModule cached = compiled(wasm);

    assertThat(cached.fromCache()).isTrue();
    assertThat(memory(start(fresh))).isEqualTo(asWritten);
    assertThat(memory(start(cached))).isEqualTo(asWritten);
    assertThat(new String(asWritten, 16, 5, StandardCharsets.US_ASCII))
        .as("the later, overlapping segment wins")
        .isEqualTo("heLLo");
    assertThat(start(cached).call("load8", 70_000)).containsExactly('p');
  }

  @Test
  void segmentsAreMergedUnlessLongRunsOfZeroesSeparateThem() {
    byte[] wasm = wasm("data_segments");

    assertThat(segmentsInSkeleton(wasm))
        .as("[16, 103), [8000, 8003) and [70000, 70008) out of six segments")
        .isEqualTo(3);
  }

  @Test
  void segmentsNamedByCodeKeepTheirNumbers() {
    byte[] wasm = wasm("data_init");
    compiled(wasm);
    WasmInstance cached = start(compiled(wasm));

    cached.call("init");

    assertThat(segmentsInSkeleton(wasm)).isEqualTo(3);
    assertThat(cached.call("load8", 10)).containsExactly('x');
    assertThat(cached.call("load8", 4)).containsExactly('c');
  }

  @Test
  void aSegmentOutsideTheMemoryStillFailsInstantiation() {
    byte[] wasm = wasm("data_out_of_bounds");
    compiled(wasm);
    CompiledModule cached = compiled(wasm);

    assertThat(cached.fromCache()).isTrue();
    assertThat(segmentsInSkeleton(wasm)).isEqualTo(2);
    assertThatThrownBy(() -> start(cached)).isInstanceOf(WasmException.class);
  }

  private static int segmentsInSkeleton(byte[] wasm) {
    byte[] skeleton = ModuleSkeleton.of(Parser.parse(wasm), wasm, Set.of());
    return ModuleSkeleton.parse(skeleton).module().dataSection().dataSegmentCount();
  }

  private static byte[] wasm(String name) {
    try (InputStream in = CoalescedDataTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
