package io.wasmgate.plugin.lifecycle;

import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.plugin.model.WasmPlugin;
import java.nio.file.Path;

/** The reconciler's record of one resource (owned by the reconciling thread). */
final class PluginState {
  enum State { LOADING, FETCHING, FETCH_FAILED, ACTIVE, FAILED, SKIPPED }

  final PluginStats stats;
  /** The latest valid version of the resource, whether or not it loaded. */
  WasmPlugin resource;
  Path file;
  /** What was last attempted: spec plus module file identity; unchanged means nothing to do. */
  String fingerprint;
  /** The version in the chain, possibly older than {@link #resource} after a failed update. */
  PluginInstance serving;
  State state = State.LOADING;
  String loadError;
  /** The resource's file is currently invalid (the last valid version is used). */
  String fileError;
  /** The remote module being fetched for {@link #resource}, or null. */
  ModuleFetch fetch;
  /** {@link #fetch} has finished at least one attempt (so startup need not wait for it any longer). */
  boolean fetchAttempted;

  /** Stops fetching (the resource changed or went away). */
  void cancelFetch() {
    if (fetch != null) {
      fetch.cancel();
      fetch = null;
    }
  }

  PluginState(PluginStats stats) {
    this.stats = stats;
  }

  /** This resource's link in the chain, or null when it contributes no filter. */
  ChainLink chainLink() {
    if (serving != null) {
      return serving;
    }
    boolean unusable = state == State.FAILED || state == State.FETCHING || state == State.FETCH_FAILED;
    return unusable ? new UnloadedPlugin(resource) : null;
  }

  PluginStatus status() {
    var spec = resource.spec();
    String error = loadError != null ? loadError : fileError != null ? fileError : stats.lastError;
    return new PluginStatus(
        resource.metadata().namespace(),
        resource.metadata().name(),
        spec.pluginName() == null ? "" : spec.pluginName(),
        spec.phase().name(),
        spec.priority() == null ? 0 : spec.priority(),
        spec.module().url(),
        spec.failStrategy().name(),
        state.name(),
        serving == null ? null : serving.sha256(),
        serving == null ? 0 : serving.vms().healthyCount(),
        serving == null ? null : serving.vms().engine(),
        serving == null ? 0 : serving.vms().memoryBytes(),
        stats.traps.sum(),
        stats.reloads.sum(),
        error);
  }
}
