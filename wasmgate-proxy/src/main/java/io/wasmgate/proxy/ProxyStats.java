package io.wasmgate.proxy;

import io.wasmgate.observability.StatsStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The downstream (HTTP connection manager) stats, resolved once so the hot path never looks up names. */
public final class ProxyStats {
  public final LongAdder cxTotal;
  public final AtomicLong cxActive;
  public final LongAdder cxProtocolError;
  public final LongAdder rqTotal;
  public final AtomicLong rqActive;
  public final LongAdder rqHeaderTimeout;
  public final LongAdder rqIdleTimeout;
  public final LongAdder noRoute;
  private final LongAdder[] rqByClass = new LongAdder[6];

  public ProxyStats(StatsStore store) {
    cxTotal = store.counter("http.downstream_cx_total");
    cxActive = store.gauge("http.downstream_cx_active");
    cxProtocolError = store.counter("http.downstream_cx_protocol_error");
    rqTotal = store.counter("http.downstream_rq_total");
    rqActive = store.gauge("http.downstream_rq_active");
    rqHeaderTimeout = store.counter("http.downstream_rq_header_timeout");
    rqIdleTimeout = store.counter("http.downstream_cx_idle_timeout");
    noRoute = store.counter("http.no_route");
    for (int i = 1; i <= 5; i++) {
      rqByClass[i] = store.counter("http.downstream_rq_" + i + "xx");
    }
  }

  /** Counts a response code in its class (downstream_rq_2xx ...); 0 (no response) counts nowhere. */
  public void countResponse(int status) {
    int cls = status / 100;
    if (cls >= 1 && cls <= 5) {
      rqByClass[cls].increment();
    }
  }
}
