package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginMetrics;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.observability.StatsWriters;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Plugin-defined metrics in the gateway's stats, named as Envoy names them: "wasmcustom.&lt;name&gt;"
 * (the stats writers drop the namespace in Prometheus output, as Envoy does).
 */
public final class StatsPluginMetrics implements PluginMetrics {
  private final StatsStore stats;

  public StatsPluginMetrics(StatsStore stats) {
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  @Override
  public LongAdder counter(String name) {
    return stats.counter(StatsWriters.CUSTOM_NAMESPACE + name);
  }

  @Override
  public AtomicLong gauge(String name) {
    return stats.gauge(StatsWriters.CUSTOM_NAMESPACE + name);
  }

  @Override
  public LongConsumer histogram(String name) {
    return stats.histogram(StatsWriters.CUSTOM_NAMESPACE + name)::record;
  }
}
