package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.plugin.lifecycle.PluginState.State;
import io.wasmgate.plugin.model.ChainOrder;
import io.wasmgate.plugin.model.WasmPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the running plugins in line with the directory: loads added and changed resources (remote
 * modules once their {@link ModuleFetch} delivers), keeps the previous version when an update fails,
 * retires removed ones, and builds the next snapshot.
 * Not thread-safe; {@link PluginManager} serialises calls.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final PluginDirectory directory;
  private final PluginLoader loader;
  private final Map<String, String> gatewayLabels;
  private final StatsStore statsStore;
  private final Consumer<PluginInstance> retirer;
  private final Function<WasmPlugin, ModuleFetch> fetcher;
  private final Map<String, PluginState> states = new HashMap<>();
  private Map<Path, String> fileErrors = Map.of();

  Reconciler(
      PluginDirectory directory, PluginLoader loader, Map<String, String> gatewayLabels,
      StatsStore statsStore, Consumer<PluginInstance> retirer, Function<WasmPlugin, ModuleFetch> fetcher) {
    this.directory = directory;
    this.loader = loader;
    this.gatewayLabels = Map.copyOf(gatewayLabels);
    this.statsStore = statsStore;
    this.retirer = retirer;
    this.fetcher = fetcher;
  }

  /** Reconciles with the directory as it is now and returns the snapshot to publish. */
  ChainSnapshot reconcile() throws IOException {
    PluginDirectory.Scan scan = directory.scan();
    fileErrors = scan.errors();
    for (StoredResource stored : scan.resources().values()) {
      WasmPlugin plugin = stored.plugin();
      PluginState state =
          states.computeIfAbsent(plugin.key(), k -> new PluginState(new PluginStats(statsStore, plugin.qualifiedName())));
      state.file = stored.file();
      state.fileError = scan.errors().get(stored.file());
      String fingerprint = fingerprint(plugin);
      if (!fingerprint.equals(state.fingerprint)) {
        state.fingerprint = fingerprint;
        update(state, plugin);
      }
    }
    Iterator<Map.Entry<String, PluginState>> it = states.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, PluginState> entry = it.next();
      if (!scan.resources().containsKey(entry.getKey())) {
        PluginState removed = entry.getValue();
        removed.cancelFetch();
        retire(removed);
        it.remove();
        LOG.info("wasm plugin {} removed", removed.resource.key());
      }
    }
    return snapshot();
  }

  /** The chain as the states are now. */
  ChainSnapshot snapshot() {
    return new ChainSnapshot(states.values().stream().map(PluginState::chainLink).filter(Objects::nonNull).toList());
  }

  private void update(PluginState state, WasmPlugin plugin) {
    boolean isNew = state.resource == null;
    state.resource = plugin;
    state.cancelFetch();
    if (!plugin.spec().selects(gatewayLabels) || !plugin.spec().matchesGatewayMode()) {
      retire(state);
      state.state = State.SKIPPED;
      state.loadError = null;
      LOG.info("wasm plugin {} skipped: its selector or match[] does not apply to this gateway", plugin.key());
      return;
    }
    if (plugin.spec().module().isRemote()) {
      // Fetched in the background; until then the previous version serves, or the fail strategy applies.
      state.state = State.FETCHING;
      state.fetchAttempted = false;
      state.fetch = fetcher.apply(plugin);
      return;
    }
    install(state, plugin, isNew, () -> loader.load(plugin, state.stats, state.serving == null));
  }

  /** A remote module arrived: loads it if {@code fetch} is still the one its resource waits for. */
  boolean fetched(ModuleFetch fetch, ModuleFetch.Fetched module) {
    PluginState state = waitingFor(fetch);
    if (state == null) {
      return false;
    }
    state.fetch = null;
    state.fetchAttempted = true;
    WasmPlugin plugin = fetch.plugin();
    boolean firstVersion = state.serving == null;
    install(state, plugin, firstVersion, () -> loader.load(plugin, module, state.stats, firstVersion));
    return true;
  }

  /** An attempt failed; once {@code reported}, the state says FETCH_FAILED while attempts go on. */
  void fetchFailed(ModuleFetch fetch, String error, boolean reported) {
    PluginState state = waitingFor(fetch);
    if (state == null) {
      return;
    }
    state.fetchAttempted = true;
    state.loadError = failure(state, fetch.plugin().origin() + ": " + error);
    if (reported && state.state == State.FETCHING) {
      state.stats.loadFailures.increment();
      state.state = State.FETCH_FAILED;
    }
  }

  private PluginState waitingFor(ModuleFetch fetch) {
    PluginState state = states.get(fetch.plugin().key());
    return state != null && state.fetch == fetch && !fetch.cancelled() ? state : null;
  }

  private interface Load {
    PluginInstance load() throws PluginLoadException;
  }

  private void install(PluginState state, WasmPlugin plugin, boolean isNew, Load load) {
    try {
      long start = System.nanoTime();
      PluginInstance loaded = load.load();
      long readyMillis = (System.nanoTime() - start) / 1_000_000;
      retire(state);
      state.serving = loaded;
      state.state = State.ACTIVE;
      state.loadError = null;
      // "ready in": module bytes to a started VM on every worker (bench/startup.sh reads it).
      LOG.info("wasm plugin {} {} (sha256 {}, {}, {}), ready in {} ms on the {}", plugin.key(),
          isNew ? "added" : "updated", loaded.sha256(), plugin.spec().phase(),
          plugin.spec().module().url(), readyMillis, loaded.vms().engine());
    } catch (PluginLoadException | RuntimeException e) {
      state.stats.loadFailures.increment();
      state.state = State.FAILED;
      state.loadError = failure(state, plugin.origin() + ": " + e.getMessage());
      LOG.warn("wasm plugin {} failed to load ({}): {}", plugin.key(), plugin.spec().failStrategy(), state.loadError);
    }
  }

  private static String failure(PluginState state, String reason) {
    return state.serving == null ? reason
        : "update failed, previous version (sha256 " + state.serving.sha256() + ") keeps serving: " + reason;
  }

  private void retire(PluginState state) {
    if (state.serving != null) {
      retirer.accept(state.serving);
      state.serving = null;
    }
  }

  /** The spec plus the module file's size and modification time: a rebuilt module reloads too. */
  private static String fingerprint(WasmPlugin plugin) {
    return plugin.spec() + "|" + plugin.limits() + "|" + moduleFile(plugin.spec().module().path());
  }

  /** A remote module is refetched only when the spec changes: the pull policy decides about the cache. */
  private static String moduleFile(Path module) {
    if (module == null) {
      return "remote";
    }
    try {
      return Files.size(module) + "@" + Files.getLastModifiedTime(module).toMillis();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  List<PluginStatus> statuses() {
    return states.values().stream()
        .sorted(Comparator.comparing((PluginState s) -> s.resource, ChainOrder.ORDER))
        .map(PluginState::status)
        .toList();
  }

  PluginState state(String key) {
    return states.get(key);
  }

  /** Problems of files in the directory, one message per file. */
  List<String> fileErrors() {
    return new ArrayList<>(fileErrors.values());
  }

  /** Every resource waiting for a remote module. */
  List<PluginState> fetching() {
    return states.values().stream().filter(s -> s.fetch != null).toList();
  }

  /** Retires every running version and stops fetching (gateway shutdown). */
  void retireAll() {
    states.values().forEach(PluginState::cancelFetch);
    states.values().forEach(this::retire);
  }
}
