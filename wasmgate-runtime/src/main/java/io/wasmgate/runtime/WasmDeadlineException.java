package io.wasmgate.runtime;

/** A call into the guest ran past its deadline and was interrupted. */
public class WasmDeadlineException extends WasmTrapException {
  private static final long serialVersionUID = 1L;

  public WasmDeadlineException(String message, Throwable cause) {
    super(message, cause);
  }
}
