package io.wasmgate.plugin;

/** A WasmPlugin resource that cannot be accepted; the message names the document and field. */
public class ResourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public ResourceException(String message) {
    super(message);
  }
}
