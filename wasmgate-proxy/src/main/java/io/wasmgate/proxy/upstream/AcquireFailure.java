package io.wasmgate.proxy.upstream;

/** Why no upstream connection could be had. */
public enum AcquireFailure {
  /** Refused, unreachable, or connect timeout: Envoy's UF. */
  CONNECT_FAILED,
  /** The cluster has no endpoint to try: Envoy's UH. */
  NO_HEALTHY_UPSTREAM
}
