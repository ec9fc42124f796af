package io.wasmgate.observability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccessLog} that never blocks the data plane: entries go into a bounded queue and one
 * writer thread formats them as Istio JSON lines. When the queue is full the entry is dropped and
 * counted in {@code access_log.dropped}; write failures are counted in {@code access_log.write_errors}.
 * {@link #close()} writes everything already queued, then flushes.
 *
 * <p>The writer is never woken per entry (that cost the data plane a futex call and a context
 * switch per request): it drains the queue, flushes when it ran dry and sleeps. Its sleep is short
 * while lines keep coming, so each batch is small and never holds the CPU from the event loop for
 * long, and doubles up to {@link #MAX_SLEEP_NANOS} while the gateway is idle.
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {
  public static final int DEFAULT_CAPACITY = 8192;
  private static final Logger LOG = LoggerFactory.getLogger(AsyncAccessLog.class);
  private static final int BATCH = 256;
  private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Longest a line waits in the queue (after an idle spell). */
  static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(32);
  private static final AccessLogEntry END =
      new AccessLogEntry(null, null, null, null, -1, null, null, null, -1, -1, -1, -1,
          null, null, null, null, null, null, null, null, null, null, null, null);

  private final IstioJsonAccessLogFormatter formatter = new IstioJsonAccessLogFormatter();
  private final BlockingQueue<AccessLogEntry> queue;
  private final Writer out;
  private final boolean closeOut;
  private final LongAdder dropped;
  private final LongAdder writeErrors;
  private final Thread writer;
  private final StringBuilder line = new StringBuilder(1024);
  private char[] chars = new char[1024];
  private volatile boolean closed;

  /**
   * @param out where lines go; closed by {@link #close()} only if {@code closeOut}
   * @param capacity how many entries may wait before new ones are dropped
   */
  public AsyncAccessLog(Writer out, boolean closeOut, int capacity, StatsStore stats) {
    if (capacity < 1) {
      throw new IllegalArgumentException("access log queue capacity must be >= 1, got " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = out;
    this.closeOut = closeOut;
    this.dropped = stats.counter("access_log.dropped");
    this.writeErrors = stats.counter("access_log.write_errors");
    this.writer = new Thread(this::drain, "wasmgate-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** Lines to standard output (left open on close), as Istio's {@code /dev/stdout} default. */
  public static AsyncAccessLog toStdout(StatsStore stats) {
    Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    return new AsyncAccessLog(stdout, false, DEFAULT_CAPACITY, stats);
  }

  /** Lines appended to {@code file}, which is created if missing. */
  public static AsyncAccessLog toFile(Path file, StatsStore stats) {
    try {
      Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      return new AsyncAccessLog(w, true, DEFAULT_CAPACITY, stats);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open access log file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void log(AccessLogEntry entry) {
    if (closed || !queue.offer(entry)) {
      dropped.increment();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(END); // the writer is still draining, so this waits at most for one batch
      LockSupport.unpark(writer);
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closeOut) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("closing the access log failed: {}", e.getMessage());
      }
    }
  }

  private void drain() {
    List<AccessLogEntry> batch = new ArrayList<>(BATCH);
    boolean unflushed = false;
    long sleep = MIN_SLEEP_NANOS;
    while (!Thread.currentThread().isInterrupted()) {
      if (queue.drainTo(batch, BATCH) == 0) {
        if (unflushed) {
          flush(); // ran dry: make lines visible now rather than when the buffer fills
          unflushed = false;
        } else {
          sleep = Math.min(sleep * 2, MAX_SLEEP_NANOS);
        }
        LockSupport.parkNanos(this, sleep);
        continue;
      }
      sleep = MIN_SLEEP_NANOS;
      for (int i = 0; i < batch.size(); i++) {
        AccessLogEntry entry = batch.get(i);
        if (entry == END) {
          flush();
          return;
        }
        write(entry);
      }
      batch.clear();
      unflushed = true;
    }
  }

  private void write(AccessLogEntry entry) {
    try {
      line.setLength(0);
      formatter.append(entry, line);
      line.append('\n');
      int n = line.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      line.getChars(0, n, chars, 0);
      out.write(chars, 0, n);
    } catch (IOException | RuntimeException e) {
      countWriteError(e);
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      countWriteError(e);
    }
  }

  private void countWriteError(Exception e) {
    writeErrors.increment();
    if (writeErrors.sum() == 1) {
      LOG.warn("writing the access log failed (further failures are only counted): {}", e.toString());
    }
  }
}
