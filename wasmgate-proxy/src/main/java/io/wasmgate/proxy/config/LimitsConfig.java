package io.wasmgate.proxy.config;

import java.time.Duration;

/**
 * Downstream protection limits.
 *
 * @param bodyBufferLimitBytes most body bytes plugins may hold in one direction of one stream (and
 *     the largest HTTP-callout response body); beyond it a request is answered 413, a response 500,
 *     as Envoy does at its buffer limit
 */
public record LimitsConfig(
    int maxHeaderBytes,
    int maxRequestLineBytes,
    Duration requestHeadersTimeout,
    Duration idleTimeout,
    int bodyBufferLimitBytes) {
  public static final LimitsConfig DEFAULTS =
      new LimitsConfig(61440, 8192, Duration.ofSeconds(10), Duration.ofSeconds(300), 1024 * 1024);
}
