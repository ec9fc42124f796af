package io.wasmgate.plugin.lifecycle;

import io.wasmgate.observability.StatsStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One plugin's stats, tagged plugin=namespace.name; shared by every version of the plugin. */
final class PluginStats {
  final LongAdder calls;
  final LongAdder failures;
  final LongAdder loadFailures;
  final LongAdder reloads;
  final AtomicLong vms;
  /** The last trap or reload error seen by any worker. */
  volatile String lastError;

  PluginStats(StatsStore store, String qualifiedName) {
    Map<String, String> tags = Map.of("plugin", qualifiedName);
    calls = store.counter("wasm.plugin.calls", tags);
    failures = store.counter("wasm.plugin.failures", tags);
    loadFailures = store.counter("wasm.plugin.load_failures", tags);
    reloads = store.counter("wasm.plugin.reloads", tags);
    vms = store.gauge("wasm.plugin.vms", tags);
  }
}
