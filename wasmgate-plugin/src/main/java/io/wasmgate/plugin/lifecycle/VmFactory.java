package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.PluginVm;
import io.wasmgate.host.VmLimits;
import java.util.concurrent.ScheduledExecutorService;

/** Starts one plugin version's VMs and keeps the live-VM gauges (per plugin and global) exact. */
final class VmFactory {
  /** Replaced once, by the compiled module, when the plugin started on the interpreter. */
  private volatile PluginModule module;
  private final PluginSpec spec;
  private final HostServices services;
  private final PluginStats stats;

  /**
   * During a tiered start the interpreter runs the plugin's code many times slower than the
   * compiler will; its VMs get this many times the callback deadline, so that the deadline still
   * catches runaway callbacks but not honest ones.
   */
  static final int BASELINE_DEADLINE_FACTOR = 10;

  /** The interpreter module of a tiered start, or null. */
  private final PluginModule baseline;
  private final PluginSpec baselineSpec;

  VmFactory(PluginModule module, PluginSpec spec, HostServices services, PluginStats stats) {
    this(module, spec, services, stats, false);
  }

  /** @param tieredBaseline {@code module} runs on the interpreter only until {@link #upgrade} */
  VmFactory(PluginModule module, PluginSpec spec, HostServices services, PluginStats stats, boolean tieredBaseline) {
    this.module = module;
    this.spec = spec;
    this.services = services;
    this.stats = stats;
    this.baseline = tieredBaseline ? module : null;
    this.baselineSpec = tieredBaseline ? withLongerDeadline(spec) : null;
  }

  private static PluginSpec withLongerDeadline(PluginSpec spec) {
    VmLimits limits = new VmLimits(
        spec.limits().callbackTimeout().multipliedBy(BASELINE_DEADLINE_FACTOR), spec.limits().maxMemoryBytes());
    return new PluginSpec(spec.name(), spec.rootId(), spec.vmId(), spec.configuration(), spec.vmConfiguration(),
        spec.env(), limits);
  }

  PluginSpec spec() {
    return spec;
  }

  /** The module new VMs start from. */
  PluginModule module() {
    return module;
  }

  /** From now on VMs start from {@code compiled}; the running ones are replaced by their workers. */
  void upgrade(PluginModule compiled) {
    module = compiled;
  }

  /** The executor running {@code worker}'s streams, or null when VMs have none (tests without a data plane). */
  ScheduledExecutorService workerExecutor(int worker) {
    return services.forWorker(worker).worker();
  }

  /** A started, configured VM for {@code worker}. Thread-safe. */
  TrackedVm start(int worker) throws PluginLoadException {
    PluginModule from = module;
    PluginSpec started = from == baseline ? baselineSpec : spec;
    PluginVm vm = from.start(started, services.forWorker(worker)); // ticks run on that worker
    stats.vms.incrementAndGet();
    stats.activeVms.incrementAndGet();
    return new TrackedVm(vm, from, stats.memoryBytes, () -> {
      stats.vms.decrementAndGet();
      stats.activeVms.decrementAndGet();
    });
  }
}
