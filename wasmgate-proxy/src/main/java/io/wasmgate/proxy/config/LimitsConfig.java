package io.wasmgate.proxy.config;

import java.time.Duration;

/** Downstream protection limits. */
public record LimitsConfig(
    int maxHeaderBytes, int maxRequestLineBytes, Duration requestHeadersTimeout, Duration idleTimeout) {
  public static final LimitsConfig DEFAULTS =
      new LimitsConfig(61440, 8192, Duration.ofSeconds(10), Duration.ofSeconds(300));
}
