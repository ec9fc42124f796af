package io.wasmgate.proxy.config;

/** A gateway.yaml that cannot be used; the message starts with the path of the offending field. */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
