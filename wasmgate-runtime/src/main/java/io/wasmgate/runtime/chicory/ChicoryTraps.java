package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.UnlinkableException;
import io.wasmgate.runtime.WasmDeadlineException;
import io.wasmgate.runtime.WasmException;
import io.wasmgate.runtime.WasmExitException;
import io.wasmgate.runtime.WasmLinkException;
import io.wasmgate.runtime.WasmTrapException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns whatever Chicory (or a host function) threw out of guest code into a WasmTrapException. */
final class ChicoryTraps {
  /** Compiled wasm functions become JVM methods named func_N (N = wasm function index). */
  private static final Pattern COMPILED_FUNCTION = Pattern.compile("func_(\\d+)");

  private static final int MAX_WASM_FRAMES = 16;

  private ChicoryTraps() {}

  /**
   * @param expiredTimeoutNanos the call deadline when the watchdog interrupted the call, else 0
   */
  static WasmException translate(
      Throwable thrown, FunctionNames names, String entry, long expiredTimeoutNanos) {
    WasmTrapException own = ownException(thrown);
    if (expiredTimeoutNanos > 0 && !(own instanceof WasmExitException)) {
      return new WasmDeadlineException(
          "wasm trap in "
              + entry
              + ": interrupted after exceeding the "
              + TimeUnit.NANOSECONDS.toMillis(expiredTimeoutNanos)
              + " ms call deadline"
              + wasmStack(thrown, names),
          thrown);
    }
    if (own instanceof WasmExitException exit) {
      return new WasmExitException(
          exit.exitCode(), "wasm trap in " + entry + ": " + exit.getMessage());
    } else if (own != null) {
      return new WasmTrapException("wasm trap in " + entry + ": " + own.getMessage(), own);
    }
    if (thrown instanceof UnlinkableException) {
      return new WasmLinkException(List.of(String.valueOf(thrown.getMessage())));
    }
    String message = "wasm trap in " + entry + ": " + reason(thrown) + wasmStack(thrown, names);
    return new WasmTrapException(message, thrown);
  }

  /** A trap a host function raised on purpose (proc_exit) may arrive wrapped by Chicory. */
  private static WasmTrapException ownException(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof WasmTrapException trap) {
        return trap;
      }
    }
    return null;
  }

  private static String reason(Throwable thrown) {
    if (thrown instanceof StackOverflowError) {
      return "call stack exhausted";
    } else if (thrown instanceof OutOfMemoryError) {
      return "the gateway's heap cannot hold more guest memory (" + thrown.getMessage() + ")";
    } else if (thrown instanceof ChicoryInterruptedException) {
      return "interrupted";
    }
    String message = thrown.getMessage();
    return message == null ? thrown.getClass().getSimpleName() : message;
  }

  /** The wasm frames of compiled code; the interpreter leaves none in the Java stack. */
  private static String wasmStack(Throwable thrown, FunctionNames names) {
    StringBuilder out = new StringBuilder();
    int frames = 0;
    for (StackTraceElement element : thrown.getStackTrace()) {
      Matcher matcher = COMPILED_FUNCTION.matcher(element.getMethodName());
      if (!matcher.matches()) {
        continue;
      }
      if (frames++ == MAX_WASM_FRAMES) {
        out.append("\n  ...");
        break;
      }
      int index = Integer.parseInt(matcher.group(1));
      String name = names.of(index);
      out.append("\n  at ").append(name == null ? "func[" + index + "]" : name);
    }
    return frames == 0 ? "" : "\nwasm stack:" + out;
  }
}
