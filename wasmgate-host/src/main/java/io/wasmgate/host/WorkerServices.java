package io.wasmgate.host;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** Services bound to one worker's executor: what {@link HostServices#onWorker} returns. */
final class WorkerServices implements HostServices {
  private final HostServices services;
  private final ScheduledExecutorService worker;

  WorkerServices(HostServices services, ScheduledExecutorService worker) {
    this.services = Objects.requireNonNull(services, "services");
    this.worker = Objects.requireNonNull(worker, "worker");
  }

  @Override
  public byte[] property(List<String> path) {
    return services.property(path);
  }

  @Override
  public HttpCallDispatcher httpCalls() {
    return services.httpCalls();
  }

  @Override
  public GrpcCallDispatcher grpcCalls() {
    return services.grpcCalls();
  }

  @Override
  public ScheduledExecutorService worker() {
    return worker;
  }

  @Override
  public HostServices onWorker(ScheduledExecutorService other) {
    return new WorkerServices(services, other);
  }

  @Override
  public SharedData sharedData() {
    return services.sharedData();
  }

  @Override
  public SharedQueues sharedQueues() {
    return services.sharedQueues();
  }

  @Override
  public PluginMetrics metrics() {
    return services.metrics();
  }
}
