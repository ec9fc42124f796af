package io.wasmgate.cli;

import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.ListenerConfig;
import io.wasmgate.proxy.config.RouteConfig;
import io.wasmgate.plugin.EnginePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gateway configuration as /config_dump shows it: plain maps, in Envoy's vocabulary. */
final class ConfigViews {
  private ConfigViews() {}

  static Map<String, Object> bootstrap(
      GatewayConfig config, EnginePolicy engine, String transport, RemoteModulesSetup remote) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", config.labels());
    out.put("admin", config.adminAddress().toString());
    out.put("plugins_dir", config.pluginsDir() == null ? null : config.pluginsDir().toString());
    out.put("access_log", config.accessLogPath() == null ? "/dev/stdout" : config.accessLogPath());
    out.put("workers", config.effectiveWorkers());
    out.put("transport", transport);
    out.put("wasm_engine", engine.label());
    out.put("remote_modules", remote.dump());
    return out;
  }

  static List<Map<String, Object>> listeners(GatewayConfig config) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ListenerConfig l : config.listeners()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      m.put("address", l.address().toString());
      List<Map<String, Object>> routes = new ArrayList<>();
      for (RouteConfig r : l.routes()) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("name", r.name());
        route.put("host", r.host());
        if (r.path() != null) {
          route.put("path", r.path());
        } else {
          route.put("prefix", r.prefix());
        }
        route.put("cluster", r.cluster());
        routes.add(route);
      }
      m.put("routes", routes);
      out.add(m);
    }
    return out;
  }

  static List<Map<String, Object>> clusters(GatewayConfig config) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ClusterConfig c : config.clusters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("endpoints", c.endpoints().stream().map(Object::toString).toList());
      m.put("connect_timeout", c.connectTimeout().toMillis() + "ms");
      m.put("timeout", c.timeout().toMillis() + "ms");
      m.put("max_connections_per_worker", c.maxConnectionsPerWorker());
      out.add(m);
    }
    return out;
  }
}
