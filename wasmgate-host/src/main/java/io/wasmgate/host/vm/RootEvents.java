package io.wasmgate.host.vm;

import io.wasmgate.host.SharedQueues;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root-context events that do not come from a stream: proxy_on_tick at the period the plugin set,
 * and proxy_on_queue_ready for queues it registered. Both run as tasks on the VM's worker, so they
 * never overlap the VM's stream callbacks; the VM's lock keeps them apart from close().
 */
final class RootEvents implements SharedQueues.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(RootEvents.class);

  private final ProxyWasmVm vm;
  private final ScheduledExecutorService worker;
  private ScheduledFuture<?> tick;

  RootEvents(ProxyWasmVm vm, ScheduledExecutorService worker) {
    this.vm = vm;
    this.worker = worker;
  }

  /**
   * Re-arms the tick: every {@code periodMillis} after now, 0 disables. Envoy re-arms its timer
   * after each tick, so a slow tick delays the next instead of queueing several.
   *
   * @return false when the VM has no worker to run ticks on
   */
  synchronized boolean setTickPeriod(long periodMillis) {
    if (worker == null) {
      return false;
    }
    cancelTick();
    if (periodMillis > 0) {
      tick =
          worker.scheduleWithFixedDelay(
              () -> deliver("proxy_on_tick"), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }
    return true;
  }

  /** Called by the queue on the enqueuing thread; the callback runs later on this VM's worker. */
  @Override
  public void queueReady(int queueId) {
    if (worker == null) {
      LOG.debug("plugin {}: no worker to deliver proxy_on_queue_ready", vm.spec().name());
      return;
    }
    worker.execute(() -> deliver("proxy_on_queue_ready", queueId));
  }

  synchronized void cancel() {
    cancelTick();
  }

  private void cancelTick() {
    if (tick != null) {
      tick.cancel(false);
      tick = null;
    }
  }

  /** callRootContext holds the VM's lock: a close() from another thread waits for the callback. */
  private void deliver(String export, long... args) {
    if (!vm.callRootContext(export, args)) {
      cancel(); // closed or failed (a trap is the VM's recorded failure): no more events
    }
  }
}
