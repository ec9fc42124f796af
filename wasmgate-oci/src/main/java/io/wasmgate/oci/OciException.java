package io.wasmgate.oci;

import java.io.IOException;

/** A registry operation failed; the message names what was wrong and never contains a secret. */
public class OciException extends IOException {
  private static final long serialVersionUID = 1L;

  public OciException(String message) {
    super(message);
  }

  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}
