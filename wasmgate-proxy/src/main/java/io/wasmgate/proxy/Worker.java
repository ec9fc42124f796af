package io.wasmgate.proxy;

import io.netty.channel.EventLoop;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.upstream.ClusterPool;
import io.wasmgate.proxy.upstream.ClusterStats;
import java.util.List;

/**
 * One event loop and what belongs to it alone: its index (the plugin VM slot) and its upstream
 * pools, indexed like the config's clusters.
 */
public final class Worker {
  private final int index;
  private final EventLoop loop;
  private final ClusterPool[] pools;

  Worker(int index, EventLoop loop, List<ClusterConfig> clusters, ClusterStats[] stats) {
    this.index = index;
    this.loop = loop;
    pools = new ClusterPool[clusters.size()];
    for (int i = 0; i < pools.length; i++) {
      pools[i] = new ClusterPool(clusters.get(i), stats[i], loop);
    }
  }

  public int index() {
    return index;
  }

  public EventLoop loop() {
    return loop;
  }

  public ClusterPool pool(int clusterIndex) {
    return pools[clusterIndex];
  }

  void closeIdleUpstreams() {
    for (ClusterPool p : pools) {
      p.closeIdle();
    }
  }
}
