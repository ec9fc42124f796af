package io.wasmgate.plugin.lifecycle;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long to wait before replacing a VM again when replacements keep failing: the first
 * replacement after a healthy run is immediate, then 1 s, 2 s, 4 s ... up to 60 s, each jittered by
 * ±20% so that workers do not rebuild in lockstep.
 */
final class Backoff {
  static final long BASE_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

  private Backoff() {}

  /** The delay before the replacement that answers the {@code streak}-th failure in a row. */
  static long delayNanos(int streak) {
    if (streak <= 1) {
      return 0;
    }
    long delay = streak - 2 >= 6 ? MAX_NANOS : Math.min(MAX_NANOS, BASE_NANOS << (streak - 2));
    return (long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
  }
}
