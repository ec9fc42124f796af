package io.wasmgate.proxy.upstream;

import io.wasmgate.observability.StatsStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Envoy's cluster.&lt;name&gt;.* stats for one cluster, shared by every worker's pool. */
public final class ClusterStats {
  public final LongAdder rqTotal;
  public final LongAdder rqTimeout;
  public final LongAdder rqRxReset;
  public final LongAdder cxTotal;
  public final AtomicLong cxActive;
  public final LongAdder cxConnectFail;
  public final LongAdder cxConnectTimeout;
  public final LongAdder cxNoneHealthy;
  private final LongAdder[] rqByClass = new LongAdder[6];

  public ClusterStats(StatsStore store, String cluster) {
    String p = "cluster." + cluster + ".";
    rqTotal = store.counter(p + "upstream_rq_total");
    rqTimeout = store.counter(p + "upstream_rq_timeout");
    rqRxReset = store.counter(p + "upstream_rq_rx_reset");
    cxTotal = store.counter(p + "upstream_cx_total");
    cxActive = store.gauge(p + "upstream_cx_active");
    cxConnectFail = store.counter(p + "upstream_cx_connect_fail");
    cxConnectTimeout = store.counter(p + "upstream_cx_connect_timeout");
    cxNoneHealthy = store.counter(p + "upstream_cx_none_healthy");
    for (int i = 1; i <= 5; i++) {
      rqByClass[i] = store.counter(p + "upstream_rq_" + i + "xx");
    }
  }

  public void countResponse(int status) {
    int cls = status / 100;
    if (cls >= 1 && cls <= 5) {
      rqByClass[cls].increment();
    }
  }
}
