package io.wasmgate.host;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Gateway-wide services a VM may use outside any stream: properties such as node metadata, HTTP
 * callouts, shared data and queues, metrics, and the worker the VM runs on (for timers). Defaults
 * answer "not available"; {@link GatewayServices} offers the gateway-wide parts.
 */
public interface HostServices {
  HostServices NONE = new HostServices() {};

  /** A gateway-level attribute (node.*, xds.*, ...), or null when unknown. */
  default byte[] property(List<String> path) {
    return null;
  }

  /**
   * HTTP callouts to the gateway's clusters (proxy_http_call), or null when there are none. Calls
   * are made from the VM's worker thread, and their responses come back on it.
   */
  default HttpCallDispatcher httpCalls() {
    return null;
  }

  /**
   * gRPC callouts to the gateway's clusters (proxy_grpc_call, proxy_grpc_stream), or null when
   * there are none. Same threading as {@link #httpCalls()}.
   */
  default GrpcCallDispatcher grpcCalls() {
    return null;
  }

  /**
   * The executor of the worker that owns this VM (a Netty event loop in the gateway): ticks and
   * queue notifications run on it, never concurrently with the VM's streams. Null when there is
   * none; proxy_set_tick_period_milliseconds then answers UNIMPLEMENTED.
   */
  default ScheduledExecutorService worker() {
    return null;
  }

  /**
   * The services for the VM of worker {@code worker} (0-based): the plugin lifecycle starts that
   * worker's VMs with these. The default serves every worker with these same services.
   */
  default HostServices forWorker(int worker) {
    return this;
  }

  /** These services with {@code worker} as the VM's worker executor; everything else unchanged. */
  default HostServices onWorker(ScheduledExecutorService worker) {
    return new WorkerServices(this, worker);
  }

  /** The gateway-wide key-value store, or null (shared-data calls answer UNIMPLEMENTED). */
  default SharedData sharedData() {
    return null;
  }

  /** The gateway-wide shared queues, or null (queue calls answer UNIMPLEMENTED). */
  default SharedQueues sharedQueues() {
    return null;
  }

  /** Where plugin-defined metrics go, or null (metric calls answer UNIMPLEMENTED). */
  default PluginMetrics metrics() {
    return null;
  }
}
