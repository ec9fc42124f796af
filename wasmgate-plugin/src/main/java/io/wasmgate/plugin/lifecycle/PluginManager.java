package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.VmLimits;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.EnginePolicy;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.plugin.PluginAdmin;
import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.plugin.ResourceException;
import io.wasmgate.plugin.model.WasmPlugin;
import io.wasmgate.runtime.EngineKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin lifecycle: WasmPlugin resources from a watched directory (and from {@link #apply}),
 * one VM per worker for each applicable plugin, and an immutable chain snapshot swapped atomically
 * on every change. Streams keep the chain they captured; a replaced plugin version is closed once
 * its last stream ends.
 *
 * <p>Usage: construct, {@link #start()} (loads the directory synchronously, then watches it), hand
 * it to the data plane as {@link FilterChainSource} and to the admin server as {@link PluginAdmin},
 * {@link #close()} on shutdown.
 */
public final class PluginManager implements FilterChainSource, PluginAdmin, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);
  private static final Duration DEBOUNCE = Duration.ofMillis(200);
  private static final Duration RESCAN = Duration.ofSeconds(2);
  /** Covers a stream that captured the chain just before a swap but has not created filters yet. */
  private static final Duration RETIRE_GRACE = Duration.ofSeconds(5);
  /** Lets an attempt that ends right at the fetch deadline still be reported as such. */
  private static final Duration AWAIT_MARGIN = Duration.ofSeconds(2);

  private final PluginDirectory directory;
  private final Reconciler reconciler;
  private final ResourceStore store;
  private final AtomicReference<ChainSnapshot> snapshot = new AtomicReference<>(ChainSnapshot.EMPTY);
  private final ScheduledExecutorService retirements;
  /** Versions waiting out their retire grace; close() retires them at once. */
  private final Set<PluginInstance> retiring = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService builder;
  private final ScheduledExecutorService fetcher;
  private final RemoteModules remoteModules;
  private final RemoteLoadStats remoteStats;
  private final ModuleLoader modules;
  private final Object lock = new Object();
  private DirectoryWatcher watcher;
  private boolean closed;

  /**
   * @param pluginsDir the watched directory; created when missing; {@link #apply} writes into it
   * @param gatewayLabels matched by spec.selector.matchLabels
   * @param workers the data plane's worker count: one VM per worker and plugin
   */
  public PluginManager(
      Path pluginsDir, Map<String, String> gatewayLabels, int workers, EngineKind engine,
      StatsStore stats, HostServices services) {
    this(pluginsDir, gatewayLabels, workers, engine, stats, services, VmLimits.DEFAULT);
  }

  /**
   * @param defaultLimits VM limits of plugins that set none in their wasmgate.io/ annotations
   */
  public PluginManager(
      Path pluginsDir, Map<String, String> gatewayLabels, int workers, EngineKind engine,
      StatsStore stats, HostServices services, VmLimits defaultLimits) {
    this(pluginsDir, gatewayLabels, workers, engine, stats, services, defaultLimits, RemoteModules.defaults());
  }

  /**
   * @param remoteModules where oci:// and http(s):// modules come from (cache, registries, secrets, retries)
   */
  public PluginManager(
      Path pluginsDir, Map<String, String> gatewayLabels, int workers, EngineKind engine,
      StatsStore stats, HostServices services, VmLimits defaultLimits, RemoteModules remoteModules) {
    this(pluginsDir, gatewayLabels, workers, EnginePolicy.of(engine), stats, services, defaultLimits, remoteModules);
  }

  /**
   * @param engine which engine runs plugins, and whether a plugin may serve on the interpreter
   *     while it compiles ({@link EnginePolicy#TIERED})
   */
  public PluginManager(
      Path pluginsDir, Map<String, String> gatewayLabels, int workers, EnginePolicy engine,
      StatsStore stats, HostServices services, VmLimits defaultLimits, RemoteModules remoteModules) {
    this(pluginsDir, gatewayLabels, workers, new TieredModuleLoader(engine), stats, services,
        System::getenv, defaultLimits, remoteModules);
  }

  PluginManager(
      Path pluginsDir, Map<String, String> gatewayLabels, int workers, ModuleLoader modules,
      StatsStore stats, HostServices services, UnaryOperator<String> hostEnv, VmLimits defaultLimits,
      RemoteModules remoteModules) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.modules = modules;
    this.retirements = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "wasmgate-plugin-retire");
      thread.setDaemon(true);
      return thread;
    });
    // Builds VMs off the workers, and helps a load start its VMs side by side: one thread per
    // worker beyond the loading thread's, up to the cores.
    int builders = Math.max(1, Math.min(workers, Runtime.getRuntime().availableProcessors()) - 1);
    this.builder = Executors.newScheduledThreadPool(builders, r -> {
      Thread thread = new Thread(r, "wasmgate-vm-builder");
      thread.setDaemon(true);
      return thread;
    });
    // Fetches block on the network; two threads keep one slow registry from holding up every plugin.
    this.fetcher = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "wasmgate-module-fetch");
      thread.setDaemon(true);
      return thread;
    });
    this.remoteModules = remoteModules;
    this.remoteStats = RemoteLoadStats.in(stats);
    this.directory = new PluginDirectory(pluginsDir);
    PluginLoader loader = new PluginLoader(modules, services, workers, hostEnv, defaultLimits, builder);
    this.reconciler = new Reconciler(directory, loader, gatewayLabels, stats,
        this::scheduleRetirement,
        this::startFetch);
    this.store = new ResourceStore(directory);
  }

  private void scheduleRetirement(PluginInstance instance) {
    retiring.add(instance);
    retirements.schedule(() -> retireNow(instance), RETIRE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Retires a version once: when its grace ends, or at close(). */
  private void retireNow(PluginInstance instance) {
    if (retiring.remove(instance)) {
      instance.retire();
    }
  }

  /**
   * Loads the directory now, then watches it. Local modules are ready when this returns; remote ones have had their
   * first attempt (served from the cache when it has them), and the rest keep loading in the background.
   */
  public void start() throws IOException {
    synchronized (lock) {
      reconcileLocked();
      awaitFetches(reconciler.fetching().stream().map(s -> s.resource.key()).toList(), true);
      watcher = new DirectoryWatcher(directory.dir(), this::reconcile, DEBOUNCE, RESCAN);
      watcher.start();
    }
    LOG.info("watching {} for WasmPlugin resources", directory.dir().toAbsolutePath());
  }

  /** Re-reads the directory and applies what changed; errors are logged and kept in status. */
  public void reconcile() {
    synchronized (lock) {
      try {
        reconcileLocked();
      } catch (IOException e) {
        LOG.error("cannot read the plugins directory {}: {}", directory.dir(), e.toString());
      }
    }
  }

  private void reconcileLocked() throws IOException {
    snapshot.set(reconciler.reconcile());
  }

  private ModuleFetch startFetch(WasmPlugin plugin) {
    ModuleFetch fetch = new ModuleFetch(plugin, remoteModules, remoteStats, fetcher, new ModuleFetch.Listener() {
      @Override
      public void fetched(ModuleFetch f, ModuleFetch.Fetched module) {
        synchronized (lock) {
          if (!closed && reconciler.fetched(f, module)) {
            snapshot.set(reconciler.snapshot());
          }
          lock.notifyAll();
        }
      }

      @Override
      public void failed(ModuleFetch f, String error, boolean reported) {
        synchronized (lock) {
          if (!closed) {
            reconciler.fetchFailed(f, error, reported);
          }
          lock.notifyAll();
        }
      }
    });
    fetch.start();
    return fetch;
  }

  /**
   * Waits, releasing the lock, until the remote modules of {@code keys} have arrived or failed ({@code firstAttempt}:
   * have had one attempt), at most the fetch deadline.
   */
  private void awaitFetches(List<String> keys, boolean firstAttempt) {
    long deadline = System.nanoTime() + remoteModules.policy().deadline().plus(AWAIT_MARGIN).toNanos();
    while (true) {
      boolean pending = keys.stream().map(reconciler::state).anyMatch(s -> s != null && s.fetch != null
          && (firstAttempt ? !s.fetchAttempted : s.state == PluginState.State.FETCHING));
      long remaining = deadline - System.nanoTime();
      if (!pending || remaining <= 0) {
        return;
      }
      try {
        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public FilterChain chainFor(int listenerPort) {
    return snapshot.get().chainFor(listenerPort);
  }

  @Override
  public String apply(String yaml) throws ResourceException {
    synchronized (lock) {
      return store.apply(yaml, this::reconcileLocked, reconciler, keys -> awaitFetches(keys, false));
    }
  }

  @Override
  public String delete(String yaml) throws ResourceException {
    synchronized (lock) {
      return store.delete(yaml, this::reconcileLocked);
    }
  }

  @Override
  public List<PluginStatus> plugins() {
    synchronized (lock) {
      return reconciler.statuses();
    }
  }

  /** Problems of files in the plugins directory (invalid YAML, duplicate resources), one per file. */
  public List<String> configErrors() {
    synchronized (lock) {
      return reconciler.fileErrors();
    }
  }

  /** Stops watching and closes every VM once the streams using it end. */
  @Override
  public void close() {
    DirectoryWatcher running;
    synchronized (lock) {
      running = watcher;
      watcher = null;
    }
    if (running != null) {
      running.close(); // outside the lock: the watcher thread may be waiting for it
    }
    synchronized (lock) {
      closed = true;
      reconciler.retireAll();
      snapshot.set(ChainSnapshot.EMPTY);
    }
    fetcher.shutdownNow();
    builder.shutdownNow(); // replacements are moot once every version is retired
    if (modules instanceof AutoCloseable compiler) {
      closeQuietly(compiler);
    }
    // A pending task that shutdownNow() hands back is cancelled if run, so retire the versions here.
    retirements.shutdownNow();
    retiring.forEach(this::retireNow);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("closing {}: {}", closeable, e.toString());
    }
  }
}
