package io.wasmgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way guest code fails surfaces as a WasmTrapException, and the instance survives it. */
class TrapTest {

  private static WasmInstance traps(EngineKind kind) {
    return WasmEngine.of(kind)
        .compile(Fixtures.wasm("traps"))
        .instantiate(List.of(), InstanceOptions.DEFAULT);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void unreachableTraps(EngineKind kind) {
    assertThatThrownBy(() -> traps(kind).call("unreachable"))
        .isInstanceOf(WasmTrapException.class)
        .hasMessageStartingWith("wasm trap in unreachable: ");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void trapsCarryTheWasmStackOnBothEngines(EngineKind kind) {
    WasmInstance instance = traps(kind);
    WasmTrapException trap =
        catchThrowableOfType(WasmTrapException.class, () -> instance.call("nested_unreachable"));

    assertThat(trap.getMessage()).contains("wasm stack:\n  at inner\n  at ");
    // The same instance traps again with its own stack, not the first trap's.
    WasmTrapException again =
        catchThrowableOfType(WasmTrapException.class, () -> instance.call("divide_by_zero", 0));
    assertThat(again.getMessage()).contains("wasm stack:").doesNotContain("at inner");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void runawayRecursionTrapsInsteadOfKillingTheThread(EngineKind kind) {
    WasmInstance instance = traps(kind);

    assertThatThrownBy(() -> instance.call("recurse", 0))
        .isInstanceOf(WasmTrapException.class)
        .hasMessageContaining("call stack exhausted");
    assertThat(instance.call("divide_by_zero", 1)).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void outOfBoundsAndDivisionByZeroTrap(EngineKind kind) {
    WasmInstance instance = traps(kind);

    assertThatThrownBy(() -> instance.call("out_of_bounds")).isInstanceOf(WasmTrapException.class);
    assertThatThrownBy(() -> instance.call("divide_by_zero", 0))
        .isInstanceOf(WasmTrapException.class);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void hostFunctionExitReachesTheCallerAsItself(EngineKind kind) {
    WasmInstance instance =
        WasmEngine.of(kind)
            .compile(Fixtures.wasm("basics"))
            .instantiate(
                List.of(
                    new HostFunctionSpec("env", "twice", FunctionSignature.i32s(1), (i, a) -> a),
                    new HostFunctionSpec(
                        "env",
                        "stop",
                        new FunctionSignature(List.of(ValueType.I32), List.of()),
                        (i, a) -> {
                          throw new WasmExitException((int) a[0]);
                        })),
                InstanceOptions.DEFAULT);

    WasmExitException exit =
        catchThrowableOfType(WasmExitException.class, () -> instance.call("stop", 3));

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(exit).hasMessage("wasm trap in stop: guest called proc_exit(3)");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void callingAMissingExportIsACallerError(EngineKind kind) {
    assertThatThrownBy(() -> traps(kind).call("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }
}
