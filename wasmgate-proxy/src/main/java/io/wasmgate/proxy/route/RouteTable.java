package io.wasmgate.proxy.route;

import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.ListenerConfig;
import io.wasmgate.proxy.config.RouteConfig;
import java.util.List;

/** One listener's routes; the first match wins. Immutable and shared by all workers. */
public final class RouteTable {
  private final Route[] routes;

  public RouteTable(ListenerConfig listener, List<ClusterConfig> clusters) {
    List<RouteConfig> configs = listener.routes();
    routes = new Route[configs.size()];
    for (int i = 0; i < routes.length; i++) {
      RouteConfig c = configs.get(i);
      int clusterIndex = -1;
      for (int k = 0; k < clusters.size(); k++) {
        if (clusters.get(k).name().equals(c.cluster())) {
          clusterIndex = k;
        }
      }
      if (clusterIndex < 0) {
        throw new IllegalArgumentException("route " + c.name() + ": unknown cluster " + c.cluster());
      }
      routes[i] = Route.compile(c, clusterIndex);
    }
  }

  /** The first route matching, or null. {@code pathAndQuery} may carry a query string. */
  public Route match(String host, String pathAndQuery) {
    String urlPath = urlPath(pathAndQuery);
    for (Route r : routes) {
      if (r.matches(host, urlPath)) {
        return r;
      }
    }
    return null;
  }

  /** The path without query string or fragment. */
  public static String urlPath(String pathAndQuery) {
    int end = pathAndQuery.length();
    for (int i = 0; i < end; i++) {
      char ch = pathAndQuery.charAt(i);
      if (ch == '?' || ch == '#') {
        return pathAndQuery.substring(0, i);
      }
    }
    return pathAndQuery;
  }
}
