package io.wasmgate.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * An upstream cluster: static endpoints used round-robin.
 *
 * @param timeout the whole-response timeout (Envoy's route timeout); expiry answers 504 UT
 * @param maxConnectionsPerWorker upstream connections one worker may hold open to this cluster
 */
public record ClusterConfig(
    String name,
    List<HostPort> endpoints,
    Duration connectTimeout,
    Duration timeout,
    int maxConnectionsPerWorker) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_CONNECTIONS_PER_WORKER = 1024;

  public ClusterConfig {
    endpoints = List.copyOf(endpoints);
  }
}
