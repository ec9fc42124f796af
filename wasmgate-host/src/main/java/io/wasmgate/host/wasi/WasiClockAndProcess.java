package io.wasmgate.host.wasi;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.host.exports.ContextFunctions;
import io.wasmgate.host.exports.HostCall;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.ValueType;
import io.wasmgate.runtime.WasmExitException;
import java.security.SecureRandom;
import java.util.List;

/** Clocks, randomness, scheduling and process exit. */
final class WasiClockAndProcess {
  private static final int CLOCK_REALTIME = 0;
  private static final int CLOCK_MONOTONIC = 1;
  private static final int MAX_RANDOM_BYTES = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WasiClockAndProcess() {}

  static List<WasiFunction> all() {
    return List.of(
        WasiFunction.of("clock_time_get", "iIi", WasiClockAndProcess::clockTime),
        WasiFunction.of("clock_res_get", "ii", WasiClockAndProcess::clockResolution),
        WasiFunction.of("random_get", "ii", WasiClockAndProcess::random),
        WasiFunction.of("sched_yield", "", (call, args) -> Errno.SUCCESS),
        WasiFunction.of("poll_oneoff", "iiii", WasiClockAndProcess::pollOneoff),
        // Ends the guest: the call that was running traps (a VM never outlives its exit).
        new WasiFunction(
            "proc_exit",
            new FunctionSignature(List.of(ValueType.I32), List.of()),
            (call, args) -> {
              throw new WasmExitException((int) args[0]);
            }),
        WasiFunction.refusing("proc_raise", "i", Errno.NOSYS));
  }

  private static int clockTime(HostCall call, long[] args) {
    long now;
    switch ((int) args[0]) {
      case CLOCK_REALTIME -> now = ContextFunctions.epochNanos();
      case CLOCK_MONOTONIC -> now = System.nanoTime();
      default -> {
        return Errno.NOTSUP;
      }
    }
    call.memory().writeU64(u32(args[2]), now);
    return Errno.SUCCESS;
  }

  private static int clockResolution(HostCall call, long[] args) {
    int clock = (int) args[0];
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
      return Errno.NOTSUP;
    }
    call.memory().writeU64(u32(args[1]), 1);
    return Errno.SUCCESS;
  }

  private static int random(HostCall call, long[] args) {
    long length = u32(args[1]);
    if (length > MAX_RANDOM_BYTES) {
      return Errno.INVAL;
    }
    byte[] bytes = new byte[(int) length];
    RANDOM.nextBytes(bytes);
    call.memory().write(u32(args[0]), bytes);
    return Errno.SUCCESS;
  }

  /** Nothing to wait for in a plugin: report that no event fired instead of blocking. */
  private static int pollOneoff(HostCall call, long[] args) {
    call.memory().writeU32(u32(args[3]), 0);
    return Errno.SUCCESS;
  }
}
