package io.wasmgate.host;

import java.time.Duration;

/**
 * What one plugin VM may use.
 *
 * @param callbackTimeout how long one callback may run (on a worker's event loop) before it is
 *     interrupted and fails as a trap. 500 ms by default: far above a sane filter callback (well
 *     under a millisecond) and above a cold JIT, yet short enough that a spinning plugin stalls
 *     its worker's other connections only briefly
 * @param maxMemoryBytes cap on the VM's linear memory, rounded down to 64 KiB pages. 128 MiB by
 *     default: guest memory lives on the gateway's Java heap, once per worker and plugin, so the
 *     cap is lower than Envoy's 1 GiB; a guest allocating past it fails as a trap
 */
public record VmLimits(Duration callbackTimeout, long maxMemoryBytes) {
  public static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofMillis(500);
  public static final long DEFAULT_MAX_MEMORY_BYTES = 128L << 20;
  public static final VmLimits DEFAULT =
      new VmLimits(DEFAULT_CALLBACK_TIMEOUT, DEFAULT_MAX_MEMORY_BYTES);
  /** Starting a VM (entry point, vm_start, configure) happens off the event loops: more leeway. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  static final long PAGE_BYTES = 64 * 1024;
  /** The most linear memory a 32-bit module can address. */
  static final long MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;

  public VmLimits {
    if (callbackTimeout == null || callbackTimeout.isNegative() || callbackTimeout.isZero()) {
      throw new IllegalArgumentException("callbackTimeout must be positive, got " + callbackTimeout);
    }
    if (maxMemoryBytes < PAGE_BYTES || maxMemoryBytes > MAX_MEMORY_BYTES) {
      throw new IllegalArgumentException(
          "maxMemoryBytes must be between 64Ki and 4Gi, got " + maxMemoryBytes);
    }
  }

  /** The memory cap in whole 64 KiB pages. */
  public int maxMemoryPages() {
    return (int) (maxMemoryBytes / PAGE_BYTES);
  }

  /** The timeout for starting a VM: the callback timeout, but never less than START_TIMEOUT. */
  public Duration startTimeout() {
    return callbackTimeout.compareTo(START_TIMEOUT) > 0 ? callbackTimeout : START_TIMEOUT;
  }
}
