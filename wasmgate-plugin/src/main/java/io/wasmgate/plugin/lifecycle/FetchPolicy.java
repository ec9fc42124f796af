package io.wasmgate.plugin.lifecycle;

import java.time.Duration;

/**
 * How hard to try fetching a remote module. Istio's fetcher retries 5 times with exponential backoff from 500 ms and
 * gives up after 30 s; wasmgate does the same, then reports the failure (in apply, /config_dump and stats) and keeps
 * retrying in the background, at most {@code maxBackoff} apart, until the module arrives.
 *
 * @param retries retries before the failure is reported (within {@code deadline})
 * @param initialBackoff the wait before the first retry; doubled for each further retry
 * @param deadline how long the first round of attempts may take before the failure is reported
 * @param maxBackoff the longest wait between two attempts
 */
public record FetchPolicy(int retries, Duration initialBackoff, Duration deadline, Duration maxBackoff) {
  public static final FetchPolicy DEFAULT =
      new FetchPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));

  public FetchPolicy {
    if (retries < 0 || initialBackoff.isNegative() || deadline.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("invalid fetch policy " + retries + ", " + initialBackoff + ", " + deadline
          + ", " + maxBackoff);
    }
  }

  public FetchPolicy withDeadline(Duration newDeadline) {
    return new FetchPolicy(retries, initialBackoff, newDeadline, maxBackoff);
  }

  /** The wait after the {@code failures}-th failed attempt in a row. */
  Duration backoff(int failures) {
    int doublings = Math.min(failures - 1, 30);
    long millis = initialBackoff.toMillis() << Math.max(doublings, 0);
    return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
  }
}
