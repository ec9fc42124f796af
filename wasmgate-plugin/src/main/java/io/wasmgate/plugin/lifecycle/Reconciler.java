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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the running plugins in line with the directory: loads added and changed resources, keeps
 * the previous version when an update fails, retires removed ones, and builds the next snapshot.
 * Not thread-safe; {@link PluginManager} serialises calls.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final PluginDirectory directory;
  private final PluginLoader loader;
  private final Map<String, String> gatewayLabels;
  private final StatsStore statsStore;
  private final Consumer<PluginInstance> retirer;
  private final Map<String, PluginState> states = new HashMap<>();
  private Map<Path, String> fileErrors = Map.of();

  Reconciler(
      PluginDirectory directory, PluginLoader loader, Map<String, String> gatewayLabels,
      StatsStore statsStore, Consumer<PluginInstance> retirer) {
    this.directory = directory;
    this.loader = loader;
    this.gatewayLabels = Map.copyOf(gatewayLabels);
    this.statsStore = statsStore;
    this.retirer = retirer;
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
        retire(removed);
        it.remove();
        LOG.info("wasm plugin {} removed", removed.resource.key());
      }
    }
    return new ChainSnapshot(states.values().stream().map(PluginState::chainLink).filter(Objects::nonNull).toList());
  }

  private void update(PluginState state, WasmPlugin plugin) {
    boolean isNew = state.resource == null;
    state.resource = plugin;
    if (!plugin.spec().selects(gatewayLabels) || !plugin.spec().matchesGatewayMode()) {
      retire(state);
      state.state = State.SKIPPED;
      state.loadError = null;
      LOG.info("wasm plugin {} skipped: its selector or match[] does not apply to this gateway", plugin.key());
      return;
    }
    try {
      PluginInstance loaded = loader.load(plugin, state.stats);
      retire(state);
      state.serving = loaded;
      state.state = State.ACTIVE;
      state.loadError = null;
      LOG.info("wasm plugin {} {} (sha256 {}, {}, {})", plugin.key(), isNew ? "added" : "updated",
          loaded.sha256(), plugin.spec().phase(), plugin.spec().module().url());
    } catch (PluginLoadException | RuntimeException e) {
      state.stats.loadFailures.increment();
      state.state = State.FAILED;
      String reason = plugin.origin() + ": " + e.getMessage();
      if (state.serving != null) {
        state.loadError = "update failed, previous version (sha256 " + state.serving.sha256() + ") keeps serving: " + reason;
      } else {
        state.loadError = reason;
      }
      LOG.warn("wasm plugin {} failed to load ({}): {}", plugin.key(), plugin.spec().failStrategy(), state.loadError);
    }
  }

  private void retire(PluginState state) {
    if (state.serving != null) {
      retirer.accept(state.serving);
      state.serving = null;
    }
  }

  /** The spec plus the module file's size and modification time: a rebuilt module reloads too. */
  private static String fingerprint(WasmPlugin plugin) {
    Path module = plugin.spec().module().path();
    String file;
    try {
      file = Files.size(module) + "@" + Files.getLastModifiedTime(module).toMillis();
    } catch (IOException e) {
      file = "unreadable";
    }
    return plugin.spec() + "|" + plugin.limits() + "|" + file;
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

  /** Retires every running version (gateway shutdown). */
  void retireAll() {
    states.values().forEach(this::retire);
  }
}
