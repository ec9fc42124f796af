package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.UnlinkableException;
import io.wasmgate.runtime.WasmDeadlineException;
import io.wasmgate.runtime.WasmException;
import io.wasmgate.runtime.WasmExitException;
import io.wasmgate.runtime.WasmLinkException;
import io.wasmgate.runtime.WasmTrapException;
import java.util.ArrayList;
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
   * @param interpreted the interpreter's wasm frames at the trap (function indices, innermost
   *     first); empty for compiled code, whose frames are in the Java stack trace
   * @param expiredTimeoutNanos the call deadline when the watchdog interrupted the call, else 0
   */
  static WasmException translate(
      Throwable thrown, FunctionNames names, int[] interpreted, String entry, long expiredTimeoutNanos) {
    WasmTrapException own = ownException(thrown);
    if (expiredTimeoutNanos > 0 && !(own instanceof WasmExitException)) {
      return new WasmDeadlineException(
          "wasm trap in "
              + entry
              + ": interrupted after exceeding the "
              + TimeUnit.NANOSECONDS.toMillis(expiredTimeoutNanos)
              + " ms call deadline"
              + wasmStack(thrown, names, interpreted),
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
    String message = "wasm trap in " + entry + ": " + reason(thrown) + wasmStack(thrown, names, interpreted);
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

  /** The wasm frames: compiled code's from the Java stack trace, else the interpreter's. */
  private static String wasmStack(Throwable thrown, FunctionNames names, int[] interpreted) {
    List<Integer> frames = new ArrayList<>();
    for (StackTraceElement element : thrown.getStackTrace()) {
      Matcher matcher = COMPILED_FUNCTION.matcher(element.getMethodName());
      if (matcher.matches()) {
        frames.add(Integer.parseInt(matcher.group(1)));
      }
    }
    if (frames.isEmpty()) {
      for (int index : interpreted) {
        frames.add(index);
      }
    }
    if (frames.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\nwasm stack:");
    for (int i = 0; i < frames.size(); i++) {
      if (i == MAX_WASM_FRAMES) {
        out.append("\n  ...");
        break;
      }
      String name = names.of(frames.get(i));
      out.append("\n  at ").append(name == null ? "func[" + frames.get(i) + "]" : name);
    }
    return out.toString();
  }
}
