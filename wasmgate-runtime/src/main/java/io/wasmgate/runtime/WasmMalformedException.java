package io.wasmgate.runtime;

/** The bytes are not a valid Wasm module. */
public class WasmMalformedException extends WasmException {
  private static final long serialVersionUID = 1L;

  public WasmMalformedException(String message, Throwable cause) {
    super(message, cause);
  }
}
