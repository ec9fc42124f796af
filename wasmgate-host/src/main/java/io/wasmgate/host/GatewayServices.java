package io.wasmgate.host;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The services one gateway offers all its plugin VMs: one shared-data store, one set of shared
 * queues, its metrics, its node identity, and its workers' executors (worker w's VMs get
 * {@link #forWorker forWorker(w)}, whose ticks and queue notifications run on executor w).
 */
public final class GatewayServices implements HostServices {
  private final SharedData sharedData = new SharedData();
  private final SharedQueues sharedQueues = new SharedQueues();
  private final PluginMetrics metrics;
  private final NodeProperties node;
  private final List<ScheduledExecutorService> workers;
  private final HttpCallDispatcher httpCalls;
  private final GrpcCallDispatcher grpcCalls;

  /** Services without worker executors: timers are unavailable until bound with onWorker. */
  public GatewayServices(PluginMetrics metrics, NodeProperties node) {
    this(metrics, node, List.of(), null);
  }

  /** Services with HTTP callouts but no gRPC callouts. */
  public GatewayServices(
      PluginMetrics metrics,
      NodeProperties node,
      List<ScheduledExecutorService> workers,
      HttpCallDispatcher httpCalls) {
    this(metrics, node, workers, httpCalls, null);
  }

  /**
   * @param workers one executor per data-plane worker, in worker order (Netty event loops)
   * @param httpCalls the data plane's callout dispatcher, or null when callouts are unavailable
   * @param grpcCalls the data plane's gRPC callouts, or null when they are unavailable
   */
  public GatewayServices(
      PluginMetrics metrics,
      NodeProperties node,
      List<ScheduledExecutorService> workers,
      HttpCallDispatcher httpCalls,
      GrpcCallDispatcher grpcCalls) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.node = node == null ? NodeProperties.NONE : node;
    this.workers = List.copyOf(workers);
    this.httpCalls = httpCalls;
    this.grpcCalls = grpcCalls;
  }

  /** Bound to executor {@code worker}; without executors (or past their count) these services. */
  @Override
  public HostServices forWorker(int worker) {
    return worker >= 0 && worker < workers.size() ? onWorker(workers.get(worker)) : this;
  }

  @Override
  public byte[] property(List<String> path) {
    return node.get(path);
  }

  @Override
  public HttpCallDispatcher httpCalls() {
    return httpCalls;
  }

  @Override
  public GrpcCallDispatcher grpcCalls() {
    return grpcCalls;
  }

  @Override
  public SharedData sharedData() {
    return sharedData;
  }

  @Override
  public SharedQueues sharedQueues() {
    return sharedQueues;
  }

  @Override
  public PluginMetrics metrics() {
    return metrics;
  }
}
