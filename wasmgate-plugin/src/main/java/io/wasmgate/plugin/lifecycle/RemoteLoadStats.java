package io.wasmgate.plugin.lifecycle;

import io.wasmgate.observability.StatsStore;
import java.util.concurrent.atomic.LongAdder;

/** Remote module fetching across all plugins, named as Envoy's remote data source stats. */
record RemoteLoadStats(LongAdder fetchSuccesses, LongAdder fetchFailures, LongAdder cacheHits, LongAdder cacheMisses) {
  static RemoteLoadStats in(StatsStore store) {
    return new RemoteLoadStats(
        store.counter("wasm.remote_load_fetch_successes"),
        store.counter("wasm.remote_load_fetch_failures"),
        store.counter("wasm.remote_load_cache_hits"),
        store.counter("wasm.remote_load_cache_misses"));
  }
}
