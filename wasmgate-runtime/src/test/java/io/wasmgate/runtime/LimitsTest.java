package io.wasmgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The call deadline and the memory cap stop a guest without harming the calling thread. */
class LimitsTest {
  private static final Duration DEADLINE = Duration.ofMillis(50);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private static WasmInstance limits(EngineKind kind, InstanceOptions options) {
    HostFunctionSpec callback =
        new HostFunctionSpec(
            "env",
            "callback",
            new FunctionSignature(List.of(), List.of()),
            (instance, args) -> instance.call("spin"));
    return WasmEngine.of(kind).compile(Fixtures.wasm("limits")).instantiate(List.of(callback), options);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aSpinningCallIsInterruptedAtItsDeadline(EngineKind kind) {
    WasmInstance instance = limits(kind, InstanceOptions.DEFAULT.withCallTimeout(DEADLINE));

    assertThatThrownBy(() -> instance.call("spin"))
        .isInstanceOf(WasmDeadlineException.class)
        .hasMessageStartingWith("wasm trap in spin: interrupted after exceeding the 50 ms call deadline");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(instance.call("answer")).containsExactly(42);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aCallbackFromAHostFunctionRunsUnderTheOuterDeadline(EngineKind kind) {
    WasmInstance instance = limits(kind, InstanceOptions.DEFAULT.withCallTimeout(DEADLINE));

    assertThatThrownBy(() -> instance.call("call_host"))
        .isInstanceOf(WasmDeadlineException.class)
        .hasMessageStartingWith("wasm trap in call_host: interrupted after exceeding");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theThreadsOwnInterruptNeitherStopsTheGuestNorGetsLost(EngineKind kind) {
    WasmInstance instance = limits(kind, InstanceOptions.DEFAULT.withCallTimeout(DEADLINE));

    Thread.currentThread().interrupt();
    assertThat(instance.call("answer")).containsExactly(42);
    assertThat(Thread.interrupted()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aNewTimeoutAppliesToTheCallsThatFollow(EngineKind kind) {
    WasmInstance instance = limits(kind, InstanceOptions.DEFAULT);
    instance.callTimeout(Duration.ofMillis(20));

    assertThatThrownBy(() -> instance.call("spin"))
        .hasMessageContaining("the 20 ms call deadline");
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void memoryCannotGrowPastTheCap(EngineKind kind) {
    WasmInstance instance = limits(kind, InstanceOptions.DEFAULT.withMaxMemoryPages(4));

    assertThat(instance.call("grow", 2)).containsExactly(2);
    assertThat(instance.call("grow", 1)).containsExactly(-1);
    assertThat(instance.memory().sizeBytes()).isEqualTo(4 * 65536);
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aModuleNeedingMoreThanTheCapIsRefused(EngineKind kind) {
    assertThatThrownBy(() -> limits(kind, InstanceOptions.DEFAULT.withMaxMemoryPages(1)))
        .isInstanceOf(WasmException.class)
        .hasMessage("module needs 2 initial memory pages, over the limit of 1");
  }
}
