package io.wasmgate.proxy.route;

import io.wasmgate.proxy.config.RouteConfig;
import java.util.Locale;

/**
 * A compiled route: host match (exact, case-insensitive, port ignored; or "*"), then exact path or
 * prefix on the path without its query string.
 *
 * @param clusterIndex the cluster's position in the gateway config, used to index per-worker pools
 */
public record Route(String name, String host, String path, String prefix, String cluster, int clusterIndex) {

  static Route compile(RouteConfig c, int clusterIndex) {
    String host = c.host() == null || c.host().equals("*") ? null : c.host().toLowerCase(Locale.ROOT);
    return new Route(c.name(), host, c.path(), c.prefix(), c.cluster(), clusterIndex);
  }

  boolean matches(String requestHost, String urlPath) {
    if (host != null && !hostMatches(requestHost)) {
      return false;
    }
    return path != null ? path.equals(urlPath) : urlPath.startsWith(prefix);
  }

  private boolean hostMatches(String requestHost) {
    if (requestHost == null) {
      return false;
    }
    int end = requestHost.length();
    int colon = requestHost.lastIndexOf(':');
    if (colon > requestHost.lastIndexOf(']')) {
      end = colon;
    }
    return end == host.length() && requestHost.regionMatches(true, 0, host, 0, end);
  }
}
