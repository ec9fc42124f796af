package io.wasmgate.host;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Where plugin-defined metrics (proxy_define_metric) live. Names are the plugin's own; the
 * implementation places them where the gateway exposes them (Envoy: under "wasmcustom."). Defining
 * a name twice returns the same metric, so every worker's VM updates one value. Thread-safe.
 */
public interface PluginMetrics {
  LongAdder counter(String name);

  AtomicLong gauge(String name);

  /** Records one value per call. */
  LongConsumer histogram(String name);
}
