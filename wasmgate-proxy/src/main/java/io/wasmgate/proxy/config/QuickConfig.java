package io.wasmgate.proxy.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the same {@link GatewayConfig} records as gateway.yaml from the CLI quick form:
 * {@code --listen 127.0.0.1:8080 --upstream 127.0.0.1:8000 [--upstream ...] --label k=v}. All paths
 * go to one cluster named {@value #CLUSTER}, through one route named {@value #ROUTE}.
 */
public final class QuickConfig {
  public static final String CLUSTER = "upstream";
  public static final String ROUTE = "default";

  private QuickConfig() {}

  public static GatewayConfig of(
      String listen, List<String> upstreams, Map<String, String> labels, Path pluginsDir)
      throws ConfigException {
    HostPort address = ConfigNode.parseAddress("--listen", listen);
    List<HostPort> endpoints = new ArrayList<>();
    for (String u : upstreams) {
      HostPort hp = ConfigNode.parseAddress("--upstream", u);
      if (hp.port() == 0) {
        throw new ConfigException("--upstream: \"" + u + "\" needs a port");
      }
      endpoints.add(hp);
    }
    if (endpoints.isEmpty()) {
      throw new ConfigException("--upstream: at least one upstream is required");
    }
    ClusterConfig cluster =
        new ClusterConfig(
            CLUSTER,
            endpoints,
            ClusterConfig.DEFAULT_CONNECT_TIMEOUT,
            ClusterConfig.DEFAULT_TIMEOUT,
            ClusterConfig.DEFAULT_MAX_CONNECTIONS_PER_WORKER);
    RouteConfig route = new RouteConfig(ROUTE, "*", null, "/", CLUSTER);
    ListenerConfig listener =
        new ListenerConfig("http-" + address.port(), address, List.of(route));
    return new GatewayConfig(
        labels,
        GatewayConfig.DEFAULT_ADMIN_ADDRESS,
        pluginsDir,
        null,
        0,
        List.of(listener),
        List.of(cluster),
        LimitsConfig.DEFAULTS);
  }
}
