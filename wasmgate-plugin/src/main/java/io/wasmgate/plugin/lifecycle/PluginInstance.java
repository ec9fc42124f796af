package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HttpContext;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginTrapException;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.plugin.model.FailStrategy;
import io.wasmgate.plugin.model.WasmPlugin;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded version of a plugin: its module's VMs, one per worker. Reference-counted so that a
 * replaced or deleted version is closed only after the streams that captured it have finished.
 */
final class PluginInstance implements ChainLink {
  private static final Logger LOG = LoggerFactory.getLogger(PluginInstance.class);

  private final WasmPlugin resource;
  private final String sha256;
  private final WorkerVms vms;
  private final PluginStats stats;
  /** One reference for being current (dropped by {@link #retire}) plus one per open filter. */
  private final AtomicInteger references = new AtomicInteger(1);

  PluginInstance(WasmPlugin resource, String sha256, WorkerVms vms, PluginStats stats) {
    this.resource = resource;
    this.sha256 = sha256;
    this.vms = vms;
    this.stats = stats;
  }

  @Override
  public WasmPlugin resource() {
    return resource;
  }

  String qualifiedName() {
    return resource.qualifiedName();
  }

  FailStrategy failStrategy() {
    return resource.spec().failStrategy();
  }

  String sha256() {
    return sha256;
  }

  PluginStats stats() {
    return stats;
  }

  WorkerVms vms() {
    return vms;
  }

  @Override
  public StreamFilter createFilter(int worker, HttpStreamHost stream) {
    if (!acquire()) {
      return unavailable(stream); // retired and closed between chain capture and this call
    }
    TrackedVm vm = vms.acquire(worker);
    if (vm != null) {
      try {
        HttpContext context = vm.vm().createHttpContext(stream);
        return new GuardedFilter(this, worker, vm, context, stream);
      } catch (RuntimeException e) {
        stats.failures.increment();
        if (e instanceof PluginTrapException) {
          stats.traps.increment();
        }
        stats.lastError = e.getMessage();
        LOG.warn("wasm plugin {} failed in onContextCreate ({}: {}): {}", qualifiedName(),
            failStrategy(), failStrategy() == FailStrategy.FAIL_OPEN
                ? "plugin skipped for this stream" : "answered 503 wasm_fail_stream",
            e.getMessage());
        vms.streamEnded(worker, vm, false);
      }
    }
    release();
    return unavailable(stream);
  }

  private StreamFilter unavailable(HttpStreamHost stream) {
    return failStrategy() == FailStrategy.FAIL_OPEN ? null : new FailClosedFilter(qualifiedName(), stream);
  }

  private boolean acquire() {
    while (true) {
      int current = references.get();
      if (current == 0) {
        return false;
      }
      if (references.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  void release() {
    if (references.decrementAndGet() == 0) {
      vms.closeAll();
    }
  }

  /** No longer current: closes the VMs once the last stream using them completes. */
  void retire() {
    release();
  }
}
