package io.wasmgate.runtime.chicory;

/**
 * The deadline of the guest call running on one thread. Chicory stops guest code when its thread
 * is interrupted (checked at function entry and loop back-edges), so {@link CallWatchdog} enforces
 * a deadline by interrupting the thread. The lock makes that interrupt land only inside the call it
 * was meant for: once {@link #exit} holds it, no interrupt can arrive late, and exit clears the
 * flag so the caller (a Netty event loop) never sees it.
 */
final class CallDeadline {
  private final Thread thread = Thread.currentThread();
  /** Nested calls (a host function calling the guest's allocator) share the outer deadline. */
  private int depth;
  private boolean armed;
  private boolean fired;
  private long deadlineNanos;
  private boolean foreignInterrupt;
  private boolean watched;

  /** Starts a call; returns true when it is the outermost one (the one that must call exit). */
  boolean enter(long timeoutNanos) {
    if (depth++ > 0) {
      return false;
    }
    // An interrupt meant for the thread itself must neither stop the guest nor be lost.
    foreignInterrupt = Thread.interrupted();
    if (timeoutNanos > 0) {
      synchronized (this) {
        deadlineNanos = System.nanoTime() + timeoutNanos;
        fired = false;
        armed = true;
      }
      if (!watched) {
        watched = true;
        CallWatchdog.INSTANCE.watch(this);
      }
    }
    return true;
  }

  /** Leaves a call; for the outermost one, whether the watchdog interrupted it. */
  boolean exit(boolean outermost) {
    depth--;
    if (!outermost) {
      return false;
    }
    boolean expired;
    synchronized (this) {
      armed = false;
      expired = fired;
      fired = false;
    }
    Thread.interrupted();
    if (foreignInterrupt) {
      thread.interrupt();
    }
    return expired;
  }

  /** Called by the watchdog: interrupts the call when it is past its deadline. */
  synchronized void check(long nowNanos) {
    if (armed && !fired && nowNanos - deadlineNanos >= 0) {
      fired = true;
      thread.interrupt();
    }
  }

  boolean threadAlive() {
    return thread.isAlive();
  }
}
