package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.plugin.model.FailStrategy;
import io.wasmgate.plugin.model.PluginLimits;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VM per worker for one plugin version, each used only by its worker (VMs are
 * single-threaded), and replaced without failing a stream:
 *
 * <ul>
 *   <li>after a trap, FAIL_RELOAD starts a fresh VM on the worker for its next stream; FAIL_CLOSE
 *       and FAIL_OPEN build one in the background while streams fail per strategy. Replacements
 *       that keep failing back off exponentially (see {@link Backoff});
 *   <li>the leak guard builds a replacement in the background once a VM's memory passes the
 *       rebuild threshold or it served the configured number of streams;
 *   <li>a plugin that started on the interpreter while its module compiles (tiered start) moves
 *       each worker's VM to the compiled code the same way, once it is ready;
 *   <li>a background build is swapped in by the worker as soon as it is ready (or when the
 *       worker's next stream starts, without a data plane); the old VM closes when its last
 *       stream ends.
 * </ul>
 */
final class WorkerVms {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVms.class);

  private final VmFactory factory;
  private final FailStrategy failStrategy;
  private final PluginLimits limits;
  private final PluginStats stats;
  private final ScheduledExecutorService builder;
  private final WorkerSlot[] slots;
  private boolean closed;
  /** The compile a tiered start waits for; null once it is done (or when there was none). */
  private volatile CompletableFuture<PluginModule> compiling;

  private WorkerVms(
      VmFactory factory, FailStrategy failStrategy, PluginLimits limits, PluginStats stats,
      ScheduledExecutorService builder, int workers) {
    this.factory = factory;
    this.failStrategy = failStrategy;
    this.limits = limits;
    this.stats = stats;
    this.builder = builder;
    this.slots = new WorkerSlot[workers];
  }

  /**
   * Starts one VM per worker, the builder helping the loading thread ({@link ConcurrentVmStart});
   * any failure closes what was started.
   */
  static WorkerVms start(
      VmFactory factory, FailStrategy failStrategy, PluginLimits limits, PluginStats stats,
      ScheduledExecutorService builder, int workers) throws PluginLoadException {
    WorkerVms created = new WorkerVms(factory, failStrategy, limits, stats, builder, workers);
    TrackedVm[] vms = ConcurrentVmStart.startAll(factory, workers, builder);
    for (int w = 0; w < workers; w++) {
      created.slots[w] = new WorkerSlot(vms[w]);
    }
    return created;
  }

  /**
   * Moves the VMs to the compiled module once {@code compiled} completes: each worker rebuilds its
   * VM in the background after its next stream, and swaps it in at the one after. A failed compile
   * leaves the plugin on the interpreter.
   */
  void upgradeWhenCompiled(CompletableFuture<PluginModule> compiled) {
    compiling = compiled;
    compiled.whenComplete((module, error) -> {
      synchronized (this) {
        compiling = null;
        if (closed) {
          return;
        }
        if (error != null) {
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          stats.lastError = "compiling failed, the plugin stays on the interpreter: " + cause.getMessage();
          LOG.warn("wasm plugin {}: {}", plugin(), stats.lastError);
          return;
        }
        factory.upgrade(module);
      }
      LOG.info("wasm plugin {}: compiled code is ready; each worker moves its VM to it", plugin());
      for (int w = 0; w < slots.length; w++) {
        int worker = w;
        onWorker(worker, () -> moveToCompiled(worker)); // otherwise at the worker's next stream end
      }
    });
  }

  /** On the worker: builds a VM from the upgraded module unless one is on its way. */
  private void moveToCompiled(int worker) {
    WorkerSlot slot = slots[worker];
    if (!slot.building && slot.current.module() != factory.module()) {
      LOG.info("wasm plugin {} builds a VM from its compiled code on worker {}", plugin(), worker);
      scheduleBuild(worker, slot, 0);
    }
  }

  /** Runs {@code task} on the worker's thread, when VMs have one and this version is not closed. */
  private void onWorker(int worker, Runnable task) {
    ScheduledExecutorService executor = factory.workerExecutor(worker);
    if (executor == null) {
      return;
    }
    try {
      executor.execute(() -> {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        task.run();
      });
    } catch (RejectedExecutionException e) {
      // the data plane is shutting down
    }
  }

  /**
   * What the VMs run on: "compiler" or "interpreter"; during a tiered start "interpreter
   * (compiling)", then "interpreter (moving to compiler)" until every worker has swapped.
   */
  String engine() {
    if (compiling != null) {
      return "interpreter (compiling)";
    }
    PluginModule target = factory.module();
    String engine = target.engine().name().toLowerCase(Locale.ROOT);
    for (WorkerSlot slot : slots) {
      if (slot != null && slot.current.module() != target) {
        return slot.current.module().engine().name().toLowerCase(Locale.ROOT) + " (moving to " + engine + ")";
      }
    }
    return engine;
  }

  private String plugin() {
    return factory.spec().name();
  }

  /**
   * The VM a new stream on {@code worker} uses, counted as in use until {@link #streamEnded}; null
   * when the worker has no healthy VM right now (the stream then follows the failStrategy).
   */
  TrackedVm acquire(int worker) {
    WorkerSlot slot = slots[worker];
    installBuilt(worker, slot);
    TrackedVm vm = slot.current;
    if (vm.failed()) {
      handleFailure(worker, slot, vm);
      if (failStrategy == FailStrategy.FAIL_RELOAD && System.nanoTime() - slot.nextReloadNanos >= 0) {
        reloadInline(worker, slot);
      }
      vm = slot.current;
      if (vm.failed()) {
        return null;
      }
    }
    vm.streamStarted();
    return vm;
  }

  /** A stream that used {@code vm} ended; {@code ok} when the plugin never failed it. */
  void streamEnded(int worker, TrackedVm vm, boolean ok) {
    vm.streamEnded();
    WorkerSlot slot = slots[worker];
    if (vm != slot.current) {
      return;
    }
    if (vm.failed()) {
      handleFailure(worker, slot, vm);
      return;
    }
    long memory = vm.publishMemory();
    if (ok) {
      slot.streak = 0;
    }
    moveToCompiled(worker);
    if (!slot.building) {
      String reason = leakGuardReason(vm, memory);
      if (reason != null) {
        LOG.info("wasm plugin {} rebuilds its VM on worker {}: {}", plugin(), worker, reason);
        stats.rebuilds.increment();
        scheduleBuild(worker, slot, 0);
      }
    }
  }

  private String leakGuardReason(TrackedVm vm, long memory) {
    Long threshold = limits.rebuildMemoryThresholdBytes();
    if (threshold != null && memory > threshold) {
      return "memory " + memory + " bytes passed the rebuild threshold of " + threshold;
    }
    Long requests = limits.rebuildAfterRequests();
    if (requests != null && vm.served() >= requests) {
      return "served " + vm.served() + " streams (rebuild-after-requests " + requests + ")";
    }
    return null;
  }

  /** Answers a VM's failure once: counts it, and arranges its replacement. */
  private void handleFailure(int worker, WorkerSlot slot, TrackedVm vm) {
    if (vm.failureHandled) {
      return;
    }
    vm.failureHandled = true;
    long delay = Backoff.delayNanos(++slot.streak);
    if (failStrategy == FailStrategy.FAIL_RELOAD) {
      slot.nextReloadNanos = System.nanoTime() + delay;
    } else if (!slot.building) {
      scheduleBuild(worker, slot, delay);
    }
  }

  private void reloadInline(int worker, WorkerSlot slot) {
    try {
      swap(worker, slot, factory.start(worker));
      stats.reloads.increment();
    } catch (PluginLoadException | RuntimeException e) {
      buildFailed(worker, slot, e.getMessage());
    }
  }

  private void scheduleBuild(int worker, WorkerSlot slot, long delayNanos) {
    slot.building = true;
    try {
      slot.pendingBuild = builder.schedule(() -> build(worker, slot), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      slot.building = false; // the gateway is shutting down
    }
  }

  /** On the builder thread: the VM goes to the slot for the worker to swap in. */
  private void build(int worker, WorkerSlot slot) {
    WorkerSlot.Built result;
    try {
      result = new WorkerSlot.Built(factory.start(worker), null);
    } catch (PluginLoadException | RuntimeException e) {
      result = new WorkerSlot.Built(null, e.getMessage());
    }
    synchronized (this) {
      if (!closed) {
        slot.built.set(result);
        onWorker(worker, () -> installBuilt(worker, slot));
        return;
      }
    }
    if (result.vm() != null) {
      result.vm().close(); // the version was retired while building
    }
  }

  private void installBuilt(int worker, WorkerSlot slot) {
    WorkerSlot.Built result = slot.built.getAndSet(null);
    if (result == null) {
      return;
    }
    slot.building = false;
    if (result.vm() == null) {
      buildFailed(worker, slot, result.error());
      return;
    }
    boolean afterFailure = slot.current.failed();
    swap(worker, slot, result.vm());
    if (afterFailure) {
      stats.reloads.increment();
    }
  }

  private void swap(int worker, WorkerSlot slot, TrackedVm fresh) {
    TrackedVm old = slot.current;
    slot.current = fresh;
    old.retire();
    LOG.info("wasm plugin {} swapped in a new VM on worker {}{}", plugin(), worker,
        old.failed() ? " after: " + old.vm().lastError() : "");
  }

  private void buildFailed(int worker, WorkerSlot slot, String error) {
    stats.lastError = "VM rebuild failed: " + error;
    LOG.warn("wasm plugin {} could not start a new VM on worker {}: {}", plugin(), worker, error);
    long delay = Math.max(Backoff.delayNanos(++slot.streak), Backoff.BASE_NANOS);
    if (failStrategy == FailStrategy.FAIL_RELOAD && slot.current.failed()) {
      slot.nextReloadNanos = System.nanoTime() + delay;
    } else {
      scheduleBuild(worker, slot, delay);
    }
  }

  /** VMs that can serve (not failed). */
  int healthyCount() {
    int count = 0;
    for (WorkerSlot slot : slots) {
      if (slot != null && !slot.current.failed()) {
        count++;
      }
    }
    return count;
  }

  /** Linear memory of the VMs serving the workers now. */
  long memoryBytes() {
    long total = 0;
    for (WorkerSlot slot : slots) {
      if (slot != null) {
        total += slot.current.vm().memoryBytes();
      }
    }
    return total;
  }

  /** Closes every VM; called once no stream can use them any more. */
  void closeAll() {
    synchronized (this) {
      closed = true;
    }
    for (WorkerSlot slot : slots) {
      if (slot != null) {
        Future<?> pending = slot.pendingBuild;
        if (pending != null) {
          pending.cancel(false);
        }
        slot.current.close();
        WorkerSlot.Built result = slot.built.getAndSet(null);
        if (result != null && result.vm() != null) {
          result.vm().close();
        }
      }
    }
  }
}
