package io.wasmgate.host.exports;

import io.wasmgate.host.PluginMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * One VM's metric ids, numbered as Envoy numbers them: the metric type in the low two bits
 * (counter 0, gauge 1, histogram 2), a per-type sequence above. Single-threaded, like its VM.
 */
final class MetricIds {
  static final int COUNTER = 0;
  static final int GAUGE = 1;
  static final int HISTOGRAM = 2;
  private static final int TYPE_MASK = 0x3;
  private static final int ID_STEP = 0x4;

  private final Map<Integer, Object> metrics = new HashMap<>();
  private final int[] nextId = {COUNTER, GAUGE, HISTOGRAM};

  /** Defines (or re-defines: same metric, new id) a metric; -1 for an unknown type. */
  int define(int type, String name, PluginMetrics sink) {
    Object metric =
        switch (type) {
          case COUNTER -> sink.counter(name);
          case GAUGE -> sink.gauge(name);
          case HISTOGRAM -> sink.histogram(name);
          default -> null;
        };
    if (metric == null) {
      return -1;
    }
    int id = nextId[type];
    nextId[type] += ID_STEP;
    metrics.put(id, metric);
    return id;
  }

  static int type(int id) {
    return id & TYPE_MASK;
  }

  LongAdder counter(int id) {
    return type(id) == COUNTER ? (LongAdder) metrics.get(id) : null;
  }

  AtomicLong gauge(int id) {
    return type(id) == GAUGE ? (AtomicLong) metrics.get(id) : null;
  }

  LongConsumer histogram(int id) {
    return type(id) == HISTOGRAM ? (LongConsumer) metrics.get(id) : null;
  }
}
