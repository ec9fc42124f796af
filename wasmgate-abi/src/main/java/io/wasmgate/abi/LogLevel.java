package io.wasmgate.abi;

/** proxy_log_level_t, trace (0) to critical (5). */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  CRITICAL;

  /** The level for a wire code, or null when the code is unknown. */
  public static LogLevel of(long code) {
    LogLevel[] all = values();
    return code >= 0 && code < all.length ? all[(int) code] : null;
  }
}
