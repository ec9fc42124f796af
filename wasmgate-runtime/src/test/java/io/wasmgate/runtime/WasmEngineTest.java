package io.wasmgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter's contract, run against both the interpreter and the compiler. */
class WasmEngineTest {

  private static List<HostFunctionSpec> basicsHost(List<Long> calls) {
    return List.of(
        new HostFunctionSpec(
            "env",
            "twice",
            FunctionSignature.i32s(1),
            (instance, args) -> {
              calls.add(args[0]);
              return new long[] {args[0] * 2};
            }),
        new HostFunctionSpec(
            "env",
            "stop",
            new FunctionSignature(List.of(ValueType.I32), List.of()),
            (instance, args) -> {
              throw new WasmExitException((int) args[0]);
            }));
  }

  private static WasmInstance basics(EngineKind kind, InstanceOptions options) {
    CompiledModule module = WasmEngine.of(kind).compile(Fixtures.wasm("basics"));
    return module.instantiate(basicsHost(new ArrayList<>()), options);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void callsExportsWithLongArguments(EngineKind kind) {
    WasmInstance instance = basics(kind, InstanceOptions.DEFAULT);

    assertThat(instance.call("add", 40, 2)).containsExactly(42);
    assertThat(instance.call("add64", 1L << 40, 1)).containsExactly((1L << 40) + 1);
    assertThat(instance.hasExport("add")).isTrue();
    assertThat(instance.hasExport("memory")).as("memory is not a function").isFalse();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void hostFunctionsReceiveArgumentsAndTheInstance(EngineKind kind) {
    List<Long> calls = new ArrayList<>();
    WasmInstance instance =
        WasmEngine.of(kind)
            .compile(Fixtures.wasm("basics"))
            .instantiate(basicsHost(calls), InstanceOptions.DEFAULT.withAttachment("state"));

    assertThat(instance.call("call_twice", 21)).containsExactly(42);
    assertThat(calls).containsExactly(21L);
    assertThat(instance.attachment()).isEqualTo("state");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void listsImportsAndExportsWithSignatures(EngineKind kind) {
    CompiledModule module = WasmEngine.of(kind).compile(Fixtures.wasm("basics"));

    assertThat(module.imports())
        .extracting(ImportSpec::qualifiedName)
        .containsExactly("env.twice", "env.stop");
    assertThat(module.imports().get(0).signature()).isEqualTo(FunctionSignature.i32s(1));
    assertThat(module.exports())
        .extracting(ExportSpec::name)
        .contains("memory", "add", "add64", "call_twice", "grow");
    assertThat(module.exportedFunction("add64"))
        .contains(
            new FunctionSignature(List.of(ValueType.I64, ValueType.I64), List.of(ValueType.I64)));
    assertThat(module.exportedFunction("memory")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void memoryAccessIsBoundsChecked(EngineKind kind) {
    GuestMemory memory = basics(kind, InstanceOptions.DEFAULT).memory();

    assertThat(new String(memory.read(16, 5))).isEqualTo("hello");
    memory.writeU32(100, 0xfffffffeL);
    assertThat(memory.readU32(100)).isEqualTo(0xfffffffeL);
    assertThat(memory.sizeBytes()).isEqualTo(65536);
    assertThatThrownBy(() -> memory.read(65530, 7))
        .isInstanceOf(WasmMemoryAccessException.class)
        .hasMessageContaining("65530");
    assertThatThrownBy(() -> memory.writeU64(0xffff_fffcL, 1))
        .isInstanceOf(WasmMemoryAccessException.class);
    assertThatThrownBy(() -> memory.read(0, -1)).isInstanceOf(WasmMemoryAccessException.class);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void maxMemoryPagesCapsGrowth(EngineKind kind) {
    WasmInstance capped = basics(kind, InstanceOptions.DEFAULT.withMaxMemoryPages(2));
    WasmInstance declared = basics(kind, InstanceOptions.DEFAULT);

    assertThat(capped.call("grow", 1)).containsExactly(1);
    assertThat(capped.call("grow", 1)).as("over the cap").containsExactly(-1);
    assertThat(declared.call("grow", 3)).containsExactly(1);
    assertThat(declared.memory().sizeBytes()).isEqualTo(4 * 65536);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void startSectionRunsButStartExportDoesNot(EngineKind kind) {
    List<Long> notes = new ArrayList<>();
    HostFunctionSpec note =
        new HostFunctionSpec(
            "env",
            "note",
            new FunctionSignature(List.of(ValueType.I32), List.of()),
            (instance, args) -> {
              notes.add(args[0]);
              // The instance is usable from inside the start section.
              notes.add(instance.memory().readU32(0));
              return null;
            });
    WasmInstance instance =
        WasmEngine.of(kind)
            .compile(Fixtures.wasm("start"))
            .instantiate(List.of(note), InstanceOptions.DEFAULT);

    assertThat(notes).containsExactly(1L, 7L);
    assertThat(instance.call("read", 0)).containsExactly(7);
    assertThat(instance.call("read", 4)).as("_start not run").containsExactly(0);
    instance.call("_start");
    assertThat(instance.call("read", 4)).containsExactly(9);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aTrappingStartSectionFailsInstantiation(EngineKind kind) {
    CompiledModule module = WasmEngine.of(kind).compile(Fixtures.wasm("start_trap"));

    assertThatThrownBy(() -> module.instantiate(List.of(), InstanceOptions.DEFAULT))
        .isInstanceOf(WasmTrapException.class)
        .hasMessageContaining("start section");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unsatisfiedImportsAreNamedBeforeInstantiating(EngineKind kind) {
    CompiledModule module = WasmEngine.of(kind).compile(Fixtures.wasm("basics"));
    HostFunctionSpec wrongTwice =
        new HostFunctionSpec("env", "twice", FunctionSignature.i32s(2), (i, a) -> new long[] {0});

    assertThat(module.unsatisfiedImports(List.of(wrongTwice)))
        .containsExactly(
            "env.twice (module expects (i32) -> (i32), host has (i32, i32) -> (i32))", "env.stop");
    assertThatThrownBy(() -> module.instantiate(List.of(), InstanceOptions.DEFAULT))
        .isInstanceOf(WasmLinkException.class)
        .hasMessage("unsatisfied imports: env.twice, env.stop");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void reportsTheBytesSha256OrTheOneTheCallerHashed(EngineKind kind) throws Exception {
    byte[] wasm = Fixtures.wasm("basics");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));

    assertThat(WasmEngine.of(kind).compile(wasm).sha256()).isEqualTo(sha256);
    assertThat(WasmEngine.of(kind).compile(wasm, sha256).sha256()).isEqualTo(sha256);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void malformedBytesAreRefused(EngineKind kind) {
    WasmEngine engine = WasmEngine.of(kind);

    assertThatThrownBy(() -> engine.compile("not wasm".getBytes()))
        .isInstanceOf(WasmMalformedException.class)
        .hasMessageStartingWith("invalid wasm module: ");
    assertThatThrownBy(() -> engine.compile(new byte[0]))
        .isInstanceOf(WasmMalformedException.class)
        .hasMessageContaining("empty");
    byte[] truncated = java.util.Arrays.copyOf(Fixtures.wasm("basics"), 40);
    assertThatThrownBy(() -> engine.compile(truncated)).isInstanceOf(WasmMalformedException.class);
  }
}
