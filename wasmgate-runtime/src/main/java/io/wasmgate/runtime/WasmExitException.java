package io.wasmgate.runtime;

/** A host function ended the guest on its request (WASI proc_exit). */
public class WasmExitException extends WasmTrapException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** Thrown by the host function; the runtime rethrows it naming the export that was running. */
  public WasmExitException(int exitCode) {
    this(exitCode, "guest called proc_exit(" + exitCode + ")");
  }

  public WasmExitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
