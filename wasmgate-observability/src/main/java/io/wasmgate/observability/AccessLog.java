package io.wasmgate.observability;

/** Where the data plane hands finished requests; implementations must not block the caller. */
public interface AccessLog {
  AccessLog DISABLED = entry -> {};

  void log(AccessLogEntry entry);
}
