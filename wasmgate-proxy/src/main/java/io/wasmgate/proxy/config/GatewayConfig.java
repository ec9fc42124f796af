package io.wasmgate.proxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gateway bootstrap (gateway.yaml): what to listen on, where to route, and the limits.
 *
 * @param labels the gateway's own labels, matched by WasmPlugin selectors
 * @param pluginsDir the watched directory of WasmPlugin YAML, or null
 * @param accessLogPath the access log file, or null for stdout
 * @param workers event-loop (and plugin VM) count; 0 means one per available processor
 * @param remoteModules how oci:// and http(s):// plugin modules are fetched
 */
public record GatewayConfig(
    Map<String, String> labels,
    HostPort adminAddress,
    Path pluginsDir,
    String accessLogPath,
    int workers,
    List<ListenerConfig> listeners,
    List<ClusterConfig> clusters,
    LimitsConfig limits,
    RemoteModulesConfig remoteModules) {
  public static final HostPort DEFAULT_ADMIN_ADDRESS = new HostPort("127.0.0.1", 15000);

  public GatewayConfig {
    labels = Map.copyOf(labels);
    listeners = List.copyOf(listeners);
    clusters = List.copyOf(clusters);
    remoteModules = remoteModules == null ? RemoteModulesConfig.DEFAULTS : remoteModules;
  }

  /** A gateway that fetches remote modules with the defaults. */
  public GatewayConfig(
      Map<String, String> labels, HostPort adminAddress, Path pluginsDir, String accessLogPath, int workers,
      List<ListenerConfig> listeners, List<ClusterConfig> clusters, LimitsConfig limits) {
    this(labels, adminAddress, pluginsDir, accessLogPath, workers, listeners, clusters, limits,
        RemoteModulesConfig.DEFAULTS);
  }

  /** The worker count the server will run with. */
  public int effectiveWorkers() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }

  public GatewayConfig withWorkers(int count) {
    return new GatewayConfig(
        labels, adminAddress, pluginsDir, accessLogPath, count, listeners, clusters, limits, remoteModules);
  }

  public ClusterConfig cluster(String name) {
    for (ClusterConfig c : clusters) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
