package io.wasmgate.runtime.chicory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread for the whole JVM that interrupts guest calls past their deadline. Each thread
 * that runs guest code registers its {@link CallDeadline} once; a call then costs two uncontended
 * locks instead of scheduling and cancelling a timer task. Deadlines are enforced within one tick.
 */
final class CallWatchdog {
  static final CallWatchdog INSTANCE = new CallWatchdog();
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Set<CallDeadline> watched = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<CallDeadline> perThread = ThreadLocal.withInitial(CallDeadline::new);
  private volatile Thread thread;

  private CallWatchdog() {}

  /** The calling thread's deadline. */
  CallDeadline current() {
    return perThread.get();
  }

  /** Registers a thread's deadline; each is registered once, before its first timed call. */
  void watch(CallDeadline deadline) {
    watched.add(deadline);
    if (thread == null) {
      startThread();
    }
  }

  private synchronized void startThread() {
    if (thread == null) {
      Thread started = new Thread(this::run, "wasmgate-wasm-watchdog");
      started.setDaemon(true);
      started.start();
      thread = started;
    }
  }

  private void run() {
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      // Threads that ended (a pool shrank) are forgotten; their calls ended with them.
      watched.removeIf(deadline -> !deadline.threadAlive());
      for (CallDeadline deadline : watched) {
        deadline.check(now);
      }
    }
  }
}
