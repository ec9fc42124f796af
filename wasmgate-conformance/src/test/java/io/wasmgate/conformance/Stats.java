package io.wasmgate.conformance;

import io.wasmgate.observability.StatName;
import io.wasmgate.observability.StatsHistogram;
import io.wasmgate.observability.StatsStore;
import java.util.Map;

/** Reads one stat by its Envoy name, as /stats shows it; absent stats read as -1. */
final class Stats {
  private Stats() {}

  static long counter(StatsStore stats, String name) {
    return find(stats.counters(), name, -1L);
  }

  static long gauge(StatsStore stats, String name) {
    return find(stats.gauges(), name, -1L);
  }

  static long histogramCount(StatsStore stats, String name) {
    StatsHistogram h = find(stats.histograms(), name, null);
    return h == null ? -1 : h.count();
  }

  private static <T> T find(Map<StatName, T> stats, String name, T absent) {
    return stats.entrySet().stream()
        .filter(e -> e.getKey().envoyName().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(absent);
  }
}
