package io.wasmgate.plugin.lifecycle;

import io.wasmgate.oci.CachedModule;
import io.wasmgate.plugin.model.WasmPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Fetches the remote module of one plugin version on the fetch executor, never on a worker loop or under the
 * manager's lock: attempts with exponential backoff; once the retries or the deadline are used up the failure is
 * reported, and attempts go on at the policy's longest interval until one succeeds or the fetch is cancelled.
 */
final class ModuleFetch {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleFetch.class);

  /** The module's bytes and where they came from. */
  record Fetched(byte[] wasm, String sha256, String manifestDigest, boolean fromCache) {}

  /** Told the outcome of each attempt, on the fetch executor. */
  interface Listener {
    void fetched(ModuleFetch fetch, Fetched module);

    /** @param reported the retries or the deadline are used up (from now on attempts continue quietly) */
    void failed(ModuleFetch fetch, String error, boolean reported);
  }

  private final WasmPlugin plugin;
  private final RemoteModules sources;
  private final RemoteLoadStats stats;
  private final ScheduledExecutorService executor;
  private final Listener listener;
  private final long startedNanos = System.nanoTime();
  private int failures;
  private boolean reported;
  private volatile boolean cancelled;
  private ScheduledFuture<?> next;

  ModuleFetch(WasmPlugin plugin, RemoteModules sources, RemoteLoadStats stats, ScheduledExecutorService executor,
      Listener listener) {
    this.plugin = plugin;
    this.sources = sources;
    this.stats = stats;
    this.executor = executor;
    this.listener = listener;
  }

  WasmPlugin plugin() {
    return plugin;
  }

  void start() {
    schedule(0);
  }

  /** No further attempts; an attempt already running finishes, and its outcome is ignored by the listener. */
  synchronized void cancel() {
    cancelled = true;
    if (next != null) {
      next.cancel(false);
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  private synchronized void schedule(long delayMillis) {
    if (!cancelled) {
      next = executor.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void attempt() {
    if (cancelled) {
      return;
    }
    Fetched module;
    try {
      CachedModule cached = sources.fetch(plugin);
      module = new Fetched(Files.readAllBytes(cached.file()), cached.wasmSha256(), cached.manifestDigest(),
          cached.fromCache());
    } catch (IOException | RuntimeException e) {
      failures++;
      stats.fetchFailures().increment();
      FetchPolicy policy = sources.policy();
      long delay = policy.backoff(failures).toMillis();
      boolean exhausted = failures > policy.retries()
          || System.nanoTime() - startedNanos + TimeUnit.MILLISECONDS.toNanos(delay) > policy.deadline().toNanos();
      boolean report = exhausted && !reported;
      reported |= exhausted;
      String error = "cannot fetch " + plugin.spec().module().url() + ": " + e.getMessage();
      LOG.atLevel(report ? Level.WARN : Level.DEBUG)
          .log("wasm plugin {}: {} (attempt {}, next in {} ms)", plugin.key(), error, failures, delay);
      listener.failed(this, error, reported);
      schedule(delay);
      return;
    }
    (module.fromCache() ? stats.cacheHits() : stats.cacheMisses()).increment();
    if (!module.fromCache()) {
      stats.fetchSuccesses().increment();
    }
    listener.fetched(this, module);
  }
}
