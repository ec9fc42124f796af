package io.wasmgate.proxy;

import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.stream.GrpcCallExchange;
import java.util.List;

/**
 * Plugin gRPC callouts over HTTP/2 (cleartext, prior knowledge) to the gateway's clusters: a call
 * made on a worker uses that worker's own connection to the cluster and answers on the same loop,
 * so the VM is never entered from another thread.
 */
final class ClusterGrpcCalls implements GrpcCallDispatcher {
  private final List<ClusterConfig> clusters;
  private volatile Workers workers;

  ClusterGrpcCalls(GatewayConfig config) {
    this.clusters = config.clusters();
  }

  void bind(Workers running) {
    workers = running;
  }

  @Override
  public boolean hasCluster(String cluster) {
    return indexOf(cluster) >= 0;
  }

  @Override
  public Stream open(Request request, Listener listener) {
    int cluster = indexOf(request.cluster());
    Workers running = workers;
    Worker worker = running == null ? null : running.current();
    if (cluster < 0 || worker == null) {
      // Not on a worker (a VM starting on the control thread, or the gateway stopped).
      return null;
    }
    return GrpcCallExchange.open(worker.http2(cluster), worker.loop(), request, listener);
  }

  private int indexOf(String name) {
    for (int i = 0; i < clusters.size(); i++) {
      if (clusters.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
