package io.wasmgate.host;

/** A module or VM that cannot be used: invalid wasm, unknown ABI, missing import, failed start. */
public class PluginLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public PluginLoadException(String message) {
    super(message);
  }

  public PluginLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
