package io.wasmgate.proxy.config;

import java.util.List;

/** A plain-HTTP listener and its routes, tried in order (first match wins). */
public record ListenerConfig(String name, HostPort address, List<RouteConfig> routes) {
  public ListenerConfig {
    routes = List.copyOf(routes);
  }
}
