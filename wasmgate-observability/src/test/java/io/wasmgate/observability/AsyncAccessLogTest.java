package io.wasmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class AsyncAccessLogTest {
  private final StatsStore stats = new StatsStore();

  @Test
  void writesOneJsonLinePerEntryToAFileAndFlushesOnClose(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    try (AsyncAccessLog log = AsyncAccessLog.toFile(file, stats)) {
      for (int i = 0; i < 100; i++) {
        log.log(Entries.complete("/r/" + i));
      }
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(100);
    JsonMapper json = new JsonMapper();
    for (int i = 0; i < 100; i++) {
      assertThat(json.readTree(lines.get(i)).get("path").asString()).isEqualTo("/r/" + i);
    }
    assertThat(dropped()).isZero();
  }

  @Test
  void appendsToAnExistingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    Files.writeString(file, "earlier\n");
    try (AsyncAccessLog log = AsyncAccessLog.toFile(file, stats)) {
      log.log(Entries.complete("/later"));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("earlier");
    assertThat(lines.get(1)).contains("\"path\":\"/later\"");
  }

  @Test
  void dropsAndCountsInsteadOfBlockingWhenTheQueueIsFull() throws Exception {
    BlockingWriter out = new BlockingWriter();
    AsyncAccessLog log = new AsyncAccessLog(out, true, 2, stats);

    log.log(Entries.complete("/first"));
    out.entered.await(); // the writer thread is now stuck writing the first line

    for (int i = 0; i < 10; i++) {
      log.log(Entries.complete("/" + i)); // must return although the writer is stuck
    }
    assertThat(dropped()).isEqualTo(8); // two fit in the queue

    out.release.countDown();
    log.close();
    assertThat(out.toString().lines()).hasSize(3);
  }

  @Test
  void entriesLoggedAfterCloseAreCountedAsDropped() {
    StringWriter out = new StringWriter();
    AsyncAccessLog log = new AsyncAccessLog(out, false, 4, stats);
    log.close();

    log.log(Entries.complete("/late"));

    assertThat(out.toString()).isEmpty();
    assertThat(dropped()).isEqualTo(1);
  }

  private long dropped() {
    return stats.counter("access_log.dropped").sum();
  }

  /** A real writer whose every write waits until the test releases it, like a stalled disk. */
  private static final class BlockingWriter extends Writer {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final StringBuilder text = new StringBuilder();

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      synchronized (text) {
        text.append(buf, off, len);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      synchronized (text) {
        return text.toString();
      }
    }
  }
}
