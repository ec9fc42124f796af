package io.wasmgate.observability;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative histogram over Envoy's default bucket bounds: a count per bucket, plus the total
 * count and sum of recorded values. Lock-free; readers may see a record half applied.
 */
public final class StatsHistogram {
  /** Envoy's default histogram bucket upper bounds. */
  public static final double[] BOUNDS = {
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
    1800000, 3600000
  };

  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
  private final LongAdder count = new LongAdder();
  private final LongAdder sum = new LongAdder();

  public void record(long value) {
    for (int i = 0; i < BOUNDS.length; i++) {
      if (value <= BOUNDS[i]) {
        buckets.incrementAndGet(i);
        break;
      }
    }
    count.increment();
    sum.add(value);
  }

  public long count() {
    return count.sum();
  }

  public long sum() {
    return sum.sum();
  }

  /** How many values were at most {@code BOUNDS[i]} (cumulative, as Prometheus buckets are). */
  public long cumulativeCount(int i) {
    long total = 0;
    for (int b = 0; b <= i; b++) {
      total += buckets.get(b);
    }
    return total;
  }
}
