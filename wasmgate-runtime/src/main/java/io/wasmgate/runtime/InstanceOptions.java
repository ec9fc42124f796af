package io.wasmgate.runtime;

import java.time.Duration;

/**
 * Per-instance settings.
 *
 * @param attachment an object host functions can fetch back with {@link WasmInstance#attachment()};
 *     it is set before the module's start section runs
 * @param maxMemoryPages cap on linear memory in 64 KiB pages, or 0 for the module's own limit
 * @param callTimeout how long one call into the guest (the start section included) may run before
 *     it is interrupted and fails as a trap, or null for no limit; see {@link
 *     WasmInstance#callTimeout(Duration)}
 */
public record InstanceOptions(Object attachment, int maxMemoryPages, Duration callTimeout) {
  public static final InstanceOptions DEFAULT = new InstanceOptions(null, 0, null);

  public InstanceOptions {
    if (maxMemoryPages < 0) {
      throw new IllegalArgumentException("maxMemoryPages must be >= 0, got " + maxMemoryPages);
    }
    if (callTimeout != null && (callTimeout.isNegative() || callTimeout.isZero())) {
      throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
    }
  }

  public InstanceOptions withAttachment(Object value) {
    return new InstanceOptions(value, maxMemoryPages, callTimeout);
  }

  public InstanceOptions withMaxMemoryPages(int pages) {
    return new InstanceOptions(attachment, pages, callTimeout);
  }

  public InstanceOptions withCallTimeout(Duration timeout) {
    return new InstanceOptions(attachment, maxMemoryPages, timeout);
  }
}
