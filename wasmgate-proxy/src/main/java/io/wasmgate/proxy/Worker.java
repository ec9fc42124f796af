package io.wasmgate.proxy;

import io.netty.channel.EventLoop;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.upstream.ClusterPool;
import io.wasmgate.proxy.upstream.ClusterStats;
import io.wasmgate.proxy.upstream.Http2Upstream;
import java.util.List;

/**
 * One event loop and what belongs to it alone: its index (the plugin VM slot), its upstream
 * pools and its HTTP/2 connections for gRPC callouts, both indexed like the config's clusters.
 */
public final class Worker {
  private final int index;
  private final EventLoop loop;
  private final ClusterPool[] pools;
  private final List<ClusterConfig> clusters;
  private final Transport transport;
  private final Http2Upstream[] http2;

  Worker(int index, EventLoop loop, Transport transport, List<ClusterConfig> clusters, ClusterStats[] stats) {
    this.index = index;
    this.loop = loop;
    this.transport = transport;
    this.clusters = clusters;
    http2 = new Http2Upstream[clusters.size()];
    pools = new ClusterPool[clusters.size()];
    for (int i = 0; i < pools.length; i++) {
      pools[i] = new ClusterPool(clusters.get(i), stats[i], loop, transport.socketChannel());
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

  /** The HTTP/2 connection holder for gRPC callouts to a cluster, made on first use. */
  public Http2Upstream http2(int clusterIndex) {
    if (http2[clusterIndex] == null) {
      http2[clusterIndex] = new Http2Upstream(clusters.get(clusterIndex), loop, transport.socketChannel());
    }
    return http2[clusterIndex];
  }

  void closeIdleUpstreams() {
    for (ClusterPool p : pools) {
      p.closeIdle();
    }
    for (Http2Upstream h : http2) {
      if (h != null) {
        h.close();
      }
    }
  }
}
