package io.wasmgate.proxy.stream;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that a connection re-arms for every request without scheduling (and cancelling) a task
 * each time: arming only moves a deadline. At most one task waits in the loop's queue; when it runs
 * before the current deadline (the deadline moved on), it schedules itself again for the rest, and
 * when the timeout was disarmed it lapses. Loop-confined, like the connection that owns it.
 */
final class ReusableTimeout implements Runnable {
  private final EventExecutor loop;
  private final Runnable onExpiry;
  private long deadline;
  private boolean armed;
  private ScheduledFuture<?> task;
  private long taskDue;

  ReusableTimeout(EventExecutor loop, Runnable onExpiry) {
    this.loop = loop;
    this.onExpiry = onExpiry;
  }

  /** Expires {@code nanos} from now unless disarmed or re-armed before. */
  void arm(long nanos) {
    long now = loop.ticker().nanoTime();
    deadline = now + nanos;
    armed = true;
    if (task != null && taskDue - deadline > 0) {
      // The waiting task would run too late for the new, earlier deadline.
      task.cancel(false);
      task = null;
    }
    if (task == null) {
      schedule(now);
    }
  }

  void disarm() {
    armed = false;
  }

  /** Disarms and removes the waiting task (the connection closed). */
  void cancel() {
    armed = false;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  @Override
  public void run() {
    task = null;
    if (!armed) {
      return;
    }
    long now = loop.ticker().nanoTime();
    if (now - deadline >= 0) {
      armed = false;
      onExpiry.run();
    } else {
      schedule(now);
    }
  }

  private void schedule(long now) {
    taskDue = deadline;
    task = loop.schedule(this, deadline - now, TimeUnit.NANOSECONDS);
  }
}
