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
  final LongAdder traps;
  final LongAdder reloads;
  final LongAdder rebuilds;
  /** This plugin's live VMs, every version included. */
  final AtomicLong vms;
  /** Linear memory of this plugin's live VMs, as their workers last saw it. */
  final AtomicLong memoryBytes;
  /** Every plugin's live VMs ("wasm.vm.active", as Envoy's wasm.&lt;runtime&gt;.active). */
  final AtomicLong activeVms;
  /** The last trap or reload error seen by any worker. */
  volatile String lastError;

  PluginStats(StatsStore store, String qualifiedName) {
    Map<String, String> tags = Map.of("plugin", qualifiedName);
    calls = store.counter("wasm.plugin.calls", tags);
    failures = store.counter("wasm.plugin.failures", tags);
    loadFailures = store.counter("wasm.plugin.load_failures", tags);
    traps = store.counter("wasm.plugin.traps", tags);
    reloads = store.counter("wasm.plugin.reloads", tags);
    rebuilds = store.counter("wasm.plugin.rebuilds", tags);
    vms = store.gauge("wasm.plugin.vms", tags);
    memoryBytes = store.gauge("wasm.plugin.memory_bytes", tags);
    activeVms = store.gauge("wasm.vm.active");
  }
}
