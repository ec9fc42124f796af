package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.PluginMetrics;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * proxy_define_metric, _increment, _record and _get with Envoy's rules: counters only go up
 * (BAD_ARGUMENT otherwise), gauges go either way or are set by record, histograms only record and
 * cannot be read. An id this VM never defined is NOT_FOUND.
 */
public final class MetricFunctions {
  private MetricFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_define_metric", "iiii", MetricFunctions::define),
        ProxyFunction.env("proxy_increment_metric", "iI", MetricFunctions::increment),
        ProxyFunction.env("proxy_record_metric", "iI", MetricFunctions::record),
        ProxyFunction.env("proxy_get_metric", "ii", MetricFunctions::get));
  }

  private static ProxyStatus define(HostCall call, long[] args) {
    PluginMetrics sink = call.vm().services().metrics();
    if (sink == null) {
      return ProxyStatus.UNIMPLEMENTED;
    }
    String name = call.readString(args[1], args[2]);
    if (name.isEmpty() || u32(args[0]) > MetricIds.HISTOGRAM) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    int id = ids(call).define((int) args[0], name, sink);
    call.memory().writeU32(u32(args[3]), u32(id));
    return ProxyStatus.OK;
  }

  private static ProxyStatus increment(HostCall call, long[] args) {
    int id = (int) args[0];
    long offset = args[1];
    MetricIds ids = ids(call);
    switch (MetricIds.type(id)) {
      case MetricIds.COUNTER -> {
        LongAdder counter = found(ids.counter(id));
        if (offset <= 0) {
          return ProxyStatus.BAD_ARGUMENT;
        }
        counter.add(offset);
      }
      case MetricIds.GAUGE -> found(ids.gauge(id)).addAndGet(offset);
      default -> {
        return ProxyStatus.BAD_ARGUMENT;
      }
    }
    return ProxyStatus.OK;
  }

  private static ProxyStatus record(HostCall call, long[] args) {
    int id = (int) args[0];
    long value = args[1];
    MetricIds ids = ids(call);
    switch (MetricIds.type(id)) {
      case MetricIds.COUNTER -> found(ids.counter(id)).add(value);
      case MetricIds.GAUGE -> found(ids.gauge(id)).set(value);
      case MetricIds.HISTOGRAM -> found(ids.histogram(id)).accept(value);
      default -> {
        return ProxyStatus.NOT_FOUND;
      }
    }
    return ProxyStatus.OK;
  }

  private static ProxyStatus get(HostCall call, long[] args) {
    int id = (int) args[0];
    MetricIds ids = ids(call);
    long value;
    switch (MetricIds.type(id)) {
      case MetricIds.COUNTER -> value = found(ids.counter(id)).sum();
      case MetricIds.GAUGE -> value = found(ids.gauge(id)).get();
      default -> {
        return ProxyStatus.BAD_ARGUMENT;
      }
    }
    call.memory().writeU64(u32(args[1]), value);
    return ProxyStatus.OK;
  }

  private static MetricIds ids(HostCall call) {
    return call.vm().feature(MetricIds.class, MetricIds::new);
  }

  /** The metric, or NOT_FOUND when this VM defined no such id. */
  private static <T> T found(T metric) {
    if (metric == null) {
      throw new StatusException(ProxyStatus.NOT_FOUND);
    }
    return metric;
  }
}
