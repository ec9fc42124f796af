package io.wasmgate.proxy.it;

import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.AccessLogEntry;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps the entries the gateway logs so tests can read them in order. */
final class RecordingAccessLog implements AccessLog {
  private final LinkedBlockingQueue<AccessLogEntry> entries = new LinkedBlockingQueue<>();
  private volatile Instant since = Instant.MIN;

  @Override
  public void log(AccessLogEntry entry) {
    entries.add(entry);
  }

  /**
   * The next entry of a request started since the last {@link #clear()}; waits for it because the
   * gateway logs after the last byte is written. An earlier test's request may still be logging
   * when the next test starts: its entry is skipped, not mistaken for this test's.
   */
  AccessLogEntry next() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      long left = deadline - System.nanoTime();
      AccessLogEntry e = left > 0 ? entries.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("no access log entry was written");
      }
      if (e.startTime() == null || !e.startTime().isBefore(since)) {
        return e;
      }
    }
  }

  void clear() {
    since = Instant.now();
    entries.clear();
  }
}
