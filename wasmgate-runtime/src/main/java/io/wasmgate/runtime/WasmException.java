package io.wasmgate.runtime;

/** Base of everything the runtime adapter throws about a module or instance. */
public class WasmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WasmException(String message) {
    super(message);
  }

  public WasmException(String message, Throwable cause) {
    super(message, cause);
  }
}
