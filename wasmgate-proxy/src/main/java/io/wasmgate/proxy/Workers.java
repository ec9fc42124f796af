package io.wasmgate.proxy;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.upstream.ClusterStats;
import java.util.ArrayList;
import java.util.List;

/** The workers of an event-loop group, in the group's order: worker i is the i-th loop. */
final class Workers {
  private final Worker[] workers;

  Workers(Iterable<EventExecutor> loops, Transport transport, List<ClusterConfig> clusters, ClusterStats[] stats) {
    List<Worker> list = new ArrayList<>();
    for (EventExecutor e : loops) {
      list.add(new Worker(list.size(), (EventLoop) e, transport, clusters, stats));
    }
    workers = list.toArray(new Worker[0]);
  }

  /** The worker owning {@code loop}; a short scan, done once per connection. */
  Worker of(EventLoop loop) {
    for (Worker w : workers) {
      if (w.loop() == loop) {
        return w;
      }
    }
    throw new IllegalStateException("event loop " + loop + " is not one of the gateway's workers");
  }

  /** The worker whose loop runs the calling thread, or null. */
  Worker current() {
    for (Worker w : workers) {
      if (w.loop().inEventLoop()) {
        return w;
      }
    }
    return null;
  }

  Worker[] all() {
    return workers;
  }
}
