package io.wasmgate.proxy.it;

import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.AccessLogEntry;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps the entries the gateway logs so tests can read them in order. */
final class RecordingAccessLog implements AccessLog {
  private final LinkedBlockingQueue<AccessLogEntry> entries = new LinkedBlockingQueue<>();

  @Override
  public void log(AccessLogEntry entry) {
    entries.add(entry);
  }

  /** The next entry; waits for it because the gateway logs after the last byte is written. */
  AccessLogEntry next() throws InterruptedException {
    AccessLogEntry e = entries.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no access log entry was written");
    }
    return e;
  }

  void clear() {
    entries.clear();
  }
}
