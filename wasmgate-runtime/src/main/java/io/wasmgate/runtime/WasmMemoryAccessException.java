package io.wasmgate.runtime;

/** A host read or write of guest memory fell outside the linear memory. */
public class WasmMemoryAccessException extends WasmException {
  private static final long serialVersionUID = 1L;

  public WasmMemoryAccessException(String message) {
    super(message);
  }
}
