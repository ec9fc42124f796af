package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.PluginVm;

/** Starts one plugin version's VMs and keeps the live-VM gauges (per plugin and global) exact. */
final class VmFactory {
  private final PluginModule module;
  private final PluginSpec spec;
  private final HostServices services;
  private final PluginStats stats;

  VmFactory(PluginModule module, PluginSpec spec, HostServices services, PluginStats stats) {
    this.module = module;
    this.spec = spec;
    this.services = services;
    this.stats = stats;
  }

  PluginSpec spec() {
    return spec;
  }

  /** A started, configured VM for {@code worker}. Thread-safe. */
  TrackedVm start(int worker) throws PluginLoadException {
    PluginVm vm = module.start(spec, services.forWorker(worker)); // ticks run on that worker
    stats.vms.incrementAndGet();
    stats.activeVms.incrementAndGet();
    return new TrackedVm(vm, stats.memoryBytes, () -> {
      stats.vms.decrementAndGet();
      stats.activeVms.decrementAndGet();
    });
  }
}
