package io.wasmgate.host;

/** A plugin callback trapped (panic, unreachable, out-of-bounds, proc_exit, interrupted). */
public class PluginTrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginTrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
