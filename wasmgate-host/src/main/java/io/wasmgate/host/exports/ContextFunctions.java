package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.HostFunctionSpec;
import io.wasmgate.runtime.ValueType;
import java.time.Instant;
import java.util.List;

/** Context switching, proxy_done, the clock, and the emscripten glue cpp-host also offers. */
public final class ContextFunctions {
  private ContextFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_set_effective_context", "i", ContextFunctions::setEffective),
        // A VM closes without waiting for deferred root-context work, so "done" needs no action.
        ProxyFunction.env("proxy_done", "", (call, args) -> ProxyStatus.OK),
        ProxyFunction.env("proxy_get_current_time_nanoseconds", "i", ContextFunctions::now),
        new HostFunctionSpec(
            "env",
            "emscripten_notify_memory_growth",
            new FunctionSignature(List.of(ValueType.I32), List.of()),
            (instance, args) -> null),
        new HostFunctionSpec(
            "env",
            "pthread_equal",
            FunctionSignature.i32s(2),
            (instance, args) -> new long[] {args[0] == args[1] ? 1 : 0}));
  }

  private static ProxyStatus setEffective(HostCall call, long[] args) {
    return call.vm().setEffectiveContext((int) args[0])
        ? ProxyStatus.OK
        : ProxyStatus.BAD_ARGUMENT;
  }

  private static ProxyStatus now(HostCall call, long[] args) {
    call.memory().writeU64(u32(args[0]), epochNanos());
    return ProxyStatus.OK;
  }

  /** Wall-clock time in nanoseconds since the epoch. */
  public static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
