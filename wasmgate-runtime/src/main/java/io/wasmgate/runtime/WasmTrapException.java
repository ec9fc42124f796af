package io.wasmgate.runtime;

/**
 * Guest execution stopped abnormally: a trap (unreachable, out-of-bounds, division by zero), stack
 * exhaustion, an interrupt, or a host function ending the guest (proc_exit).
 */
public class WasmTrapException extends WasmException {
  private static final long serialVersionUID = 1L;

  public WasmTrapException(String message) {
    super(message);
  }

  public WasmTrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
