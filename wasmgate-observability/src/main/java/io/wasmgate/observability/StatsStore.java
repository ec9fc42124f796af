package io.wasmgate.observability;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Envoy-style statistics: counters, gauges and histograms under dotted names, optionally with tags that the
 * Prometheus output turns into labels (e.g. "wasm.plugin.calls" tagged plugin=istio-system.auth).
 * Lock-free on the hot path; names are created on first use.
 */
public final class StatsStore {
  private final Map<StatName, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<StatName, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<StatName, StatsHistogram> histograms = new ConcurrentHashMap<>();

  public LongAdder counter(String name) {
    return counter(name, Map.of());
  }

  public LongAdder counter(String name, Map<String, String> tags) {
    return counters.computeIfAbsent(new StatName(name, new TreeMap<>(tags)), k -> new LongAdder());
  }

  public AtomicLong gauge(String name) {
    return gauge(name, Map.of());
  }

  public AtomicLong gauge(String name, Map<String, String> tags) {
    return gauges.computeIfAbsent(new StatName(name, new TreeMap<>(tags)), k -> new AtomicLong());
  }

  /** Counter values, sorted by name then tags. */
  public SortedMap<StatName, Long> counters() {
    SortedMap<StatName, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Gauge values, sorted by name then tags. */
  public SortedMap<StatName, Long> gauges() {
    SortedMap<StatName, Long> out = new TreeMap<>();
    gauges.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public StatsHistogram histogram(String name) {
    return histogram(name, Map.of());
  }

  public StatsHistogram histogram(String name, Map<String, String> tags) {
    return histograms.computeIfAbsent(new StatName(name, new TreeMap<>(tags)), k -> new StatsHistogram());
  }

  /** Histograms, sorted by name then tags. */
  public SortedMap<StatName, StatsHistogram> histograms() {
    return new TreeMap<>(histograms);
  }
}
