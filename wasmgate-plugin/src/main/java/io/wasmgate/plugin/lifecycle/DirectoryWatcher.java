package io.wasmgate.plugin.lifecycle;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} after the directory changes (events debounced, so an editor's
 * write-rename-chmod burst is one reconcile) and also every rescan interval, because WatchService
 * misses events on some file systems (and module files may live elsewhere).
 */
final class DirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

  private final WatchService watchService;
  private final Runnable onChange;
  private final Duration debounce;
  private final Duration rescan;
  private final Thread thread;

  DirectoryWatcher(Path dir, Runnable onChange, Duration debounce, Duration rescan) throws IOException {
    this.watchService = dir.getFileSystem().newWatchService();
    dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    this.onChange = onChange;
    this.debounce = debounce;
    this.rescan = rescan;
    this.thread = new Thread(this::run, "wasmgate-plugin-watcher");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watchService.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
        while (key != null) { // drain the burst, then wait for the directory to settle
          key.pollEvents();
          key.reset();
          key = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
          onChange.run();
        } catch (RuntimeException e) {
          LOG.error("reconciling the plugins directory failed", e);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      watchService.close();
      thread.join(5_000);
    } catch (IOException e) {
      LOG.debug("closing the watch service", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
