package io.wasmgate.proxy;

import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.stream.HttpCallExchange;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plugin HTTP callouts over the gateway's own per-worker upstream pools: a call made on a worker
 * (any stream or root callback of that worker's VM) uses that worker's pool for the cluster and
 * answers on the same loop, so the VM is never entered from another thread.
 */
final class ClusterHttpCalls implements HttpCallDispatcher {
  private final List<ClusterConfig> clusters;
  private final int bodyLimit;
  private volatile Workers workers;

  ClusterHttpCalls(GatewayConfig config) {
    this.clusters = config.clusters();
    this.bodyLimit = config.limits().bodyBufferLimitBytes();
  }

  void bind(Workers running) {
    workers = running;
  }

  @Override
  public boolean hasCluster(String cluster) {
    return indexOf(cluster) >= 0;
  }

  @Override
  public Call dispatch(Request request, Consumer<Response> onResponse) {
    int cluster = indexOf(request.cluster());
    Workers running = workers;
    Worker worker = running == null ? null : running.current();
    if (cluster < 0 || worker == null) {
      // Not on a worker (a VM starting on the control thread, or the gateway stopped).
      return null;
    }
    return HttpCallExchange.start(worker.pool(cluster), request, onResponse, bodyLimit);
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
