package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.PluginVm;
import io.wasmgate.plugin.model.FailStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VM per worker, each used only by its worker (VMs are single-threaded). Under FAIL_RELOAD a
 * failed VM is replaced, by the worker itself, when its next stream starts; a crash loop is limited
 * to one reload per second per worker, and streams in between fail closed.
 */
final class WorkerVms {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVms.class);
  private static final long RELOAD_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final PluginModule module;
  private final PluginSpec spec;
  private final HostServices services;
  private final FailStrategy failStrategy;
  private final PluginStats stats;
  private final AtomicReferenceArray<PluginVm> vms;
  /** Per worker; each slot is read and written only by its worker. */
  private final long[] lastReloadNanos;

  private WorkerVms(
      PluginModule module, PluginSpec spec, HostServices services, FailStrategy failStrategy,
      PluginStats stats, int workers) {
    this.module = module;
    this.spec = spec;
    this.services = services;
    this.failStrategy = failStrategy;
    this.stats = stats;
    this.vms = new AtomicReferenceArray<>(workers);
    this.lastReloadNanos = new long[workers];
  }

  /**
   * Starts one VM per worker. The first start is the canary; any failure closes what was started.
   */
  static WorkerVms start(
      PluginModule module, PluginSpec spec, HostServices services, FailStrategy failStrategy,
      PluginStats stats, int workers) throws PluginLoadException {
    WorkerVms created = new WorkerVms(module, spec, services, failStrategy, stats, workers);
    try {
      for (int w = 0; w < workers; w++) {
        created.vms.set(w, module.start(spec, services));
        stats.vms.incrementAndGet();
      }
    } catch (PluginLoadException | RuntimeException e) {
      created.closeAll();
      throw e instanceof PluginLoadException ple ? ple : new PluginLoadException(e.toString(), e);
    }
    return created;
  }

  /** The worker's VM, replaced first when it failed and FAIL_RELOAD allows it; may be failed. */
  PluginVm vmFor(int worker) {
    PluginVm vm = vms.get(worker);
    if (vm != null && vm.isFailed() && failStrategy == FailStrategy.FAIL_RELOAD) {
      long now = System.nanoTime();
      if (lastReloadNanos[worker] == 0 || now - lastReloadNanos[worker] >= RELOAD_BACKOFF_NANOS) {
        lastReloadNanos[worker] = now;
        vm = reload(worker, vm);
      }
    }
    return vm;
  }

  private PluginVm reload(int worker, PluginVm failed) {
    try {
      PluginVm fresh = module.start(spec, services);
      vms.set(worker, fresh);
      failed.close();
      stats.reloads.increment();
      LOG.info("wasm plugin {} reloaded its VM on worker {} after: {}", spec.name(), worker, failed.lastError());
      return fresh;
    } catch (PluginLoadException | RuntimeException e) {
      stats.lastError = "reload failed: " + e.getMessage();
      LOG.warn("wasm plugin {} could not reload its VM on worker {}: {}", spec.name(), worker, e.getMessage());
      return failed;
    }
  }

  /** VMs that can serve (not failed). */
  int healthyCount() {
    int count = 0;
    for (int w = 0; w < vms.length(); w++) {
      PluginVm vm = vms.get(w);
      if (vm != null && !vm.isFailed()) {
        count++;
      }
    }
    return count;
  }

  long memoryBytes() {
    long total = 0;
    for (int w = 0; w < vms.length(); w++) {
      PluginVm vm = vms.get(w);
      if (vm != null) {
        total += vm.memoryBytes();
      }
    }
    return total;
  }

  /** Closes every VM; called once no stream can use them any more. */
  void closeAll() {
    for (int w = 0; w < vms.length(); w++) {
      PluginVm vm = vms.getAndSet(w, null);
      if (vm != null) {
        vm.close();
        stats.vms.decrementAndGet();
      }
    }
  }
}
