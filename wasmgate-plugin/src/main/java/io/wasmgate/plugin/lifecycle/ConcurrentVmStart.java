package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts one VM per worker, several at a time: the loading thread and helpers on an executor take
 * the next unstarted worker until none is left. Starting a VM runs the plugin's proxy_on_vm_start
 * and proxy_on_configure, which take about half a second for a Go plugin on the interpreter; one
 * after another, every extra worker would add that again to the plugin's load.
 *
 * <p>The loading thread never waits for a helper to be scheduled: a helper that has not started
 * yet when the loading thread runs out of work finds none. Once a start fails no further one
 * begins; the loading thread waits for those under way, closes every VM started and reports the
 * failure of the lowest worker (as the sequential start did).
 */
final class ConcurrentVmStart {
  private final VmFactory factory;
  private final TrackedVm[] started;
  private final Throwable[] failures;
  private int next; // guarded by this
  private int underway; // guarded by this
  private boolean failed; // guarded by this

  private ConcurrentVmStart(VmFactory factory, int workers) {
    this.factory = factory;
    this.started = new TrackedVm[workers];
    this.failures = new Throwable[workers];
  }

  /**
   * One started VM per worker, indexed by worker; on any failure none stays open.
   *
   * @param helpers runs helper starts; a busy or shut-down executor only means fewer helpers
   */
  static TrackedVm[] startAll(VmFactory factory, int workers, Executor helpers) throws PluginLoadException {
    ConcurrentVmStart start = new ConcurrentVmStart(factory, workers);
    for (int i = 1; i < workers; i++) {
      try {
        helpers.execute(start::startWhileAny);
      } catch (RejectedExecutionException e) {
        break; // the gateway is stopping: the loading thread starts them all
      }
    }
    start.startWhileAny();
    return start.awaitAll();
  }

  private void startWhileAny() {
    for (int worker = claim(); worker >= 0; worker = claim()) {
      TrackedVm vm = null;
      Throwable failure = null;
      try {
        vm = factory.start(worker);
      } catch (PluginLoadException | RuntimeException | Error e) {
        failure = e;
      } finally {
        finished(worker, vm, failure);
      }
    }
  }

  /** The next worker to start, or -1 when none is left or a start failed. */
  private synchronized int claim() {
    if (failed || next == started.length) {
      return -1;
    }
    underway++;
    return next++;
  }

  private synchronized void finished(int worker, TrackedVm vm, Throwable failure) {
    started[worker] = vm;
    failures[worker] = failure;
    failed |= failure != null;
    underway--;
    notifyAll();
  }

  /** Waits for the starts under way (each bounded by the VM's own start), then settles. */
  private TrackedVm[] awaitAll() throws PluginLoadException {
    boolean interrupted = false;
    synchronized (this) {
      while (underway > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // leaving now would leak the VMs still starting
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    int first = firstFailed();
    if (first < 0) {
      return started;
    }
    for (TrackedVm vm : started) {
      if (vm != null) {
        vm.close();
      }
    }
    throw failure(first);
  }

  /** The lowest worker whose start failed, or -1. */
  private synchronized int firstFailed() {
    for (int worker = 0; worker < failures.length; worker++) {
      if (failures[worker] != null) {
        return worker;
      }
    }
    return -1;
  }

  /** What the load reports: that worker's failure, with any other one attached. */
  private synchronized PluginLoadException failure(int worker) {
    Throwable cause = failures[worker];
    for (Throwable other : failures) {
      if (other != null && other != cause) {
        cause.addSuppressed(other);
      }
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof PluginLoadException ple
        ? ple
        : new PluginLoadException("cannot start a VM on worker " + worker + ": " + cause, cause);
  }
}
