package io.wasmgate.proxy.upstream;

import io.wasmgate.proxy.config.HostPort;

/** Result of {@link ClusterPool#acquire}. Exactly one method is called, on the pool's loop. */
public interface AcquireCallback {
  void onConnection(UpstreamConnection connection);

  /**
   * @param endpoint the endpoint that failed, or null when there was none to try
   */
  void onFailure(AcquireFailure failure, HostPort endpoint, Throwable cause);
}
