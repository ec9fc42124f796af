package io.wasmgate.proxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads gateway.yaml into a {@link GatewayConfig}. Every error names the field path, for example
 * {@code listeners[0].routes[1].cluster: unknown cluster "x"}; unknown fields are errors.
 */
public final class GatewayConfigLoader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private GatewayConfigLoader() {}

  public static GatewayConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, base);
  }

  /** Parses YAML text; relative paths (pluginsDir) resolve against {@code baseDir}. */
  public static GatewayConfig parse(String yaml, Path baseDir) throws ConfigException {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("not valid YAML: " + e.getOriginalMessage(), e);
    }
    ConfigNode root = ConfigNode.root(tree);
    Map<String, String> labels = root.stringMap("labels");
    HostPort admin = GatewayConfig.DEFAULT_ADMIN_ADDRESS;
    ConfigNode adminNode = root.object("admin");
    if (adminNode != null) {
      admin = adminNode.address("address", admin);
      adminNode.rejectUnknown();
    }
    String pluginsDir = root.string("pluginsDir", null);
    String accessLogPath = null;
    ConfigNode accessLog = root.object("accessLog");
    if (accessLog != null) {
      accessLogPath = accessLog.string("path", null);
      accessLog.rejectUnknown();
    }
    int workers = root.integer("workers", 0, 0);
    List<ClusterConfig> clusters = clusters(root);
    List<ListenerConfig> listeners = listeners(root, clusters);
    LimitsConfig limits = limits(root.object("limits"));
    RemoteModulesConfig remoteModules = remoteModules(root.object("remoteModules"), baseDir);
    root.rejectUnknown();
    return new GatewayConfig(
        labels,
        admin,
        pluginsDir == null ? null : resolve(baseDir, pluginsDir),
        accessLogPath,
        workers,
        listeners,
        clusters,
        limits,
        remoteModules);
  }

  private static Path resolve(Path baseDir, String path) {
    Path p = Path.of(path);
    return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }

  private static List<ClusterConfig> clusters(ConfigNode root) throws ConfigException {
    List<ClusterConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode c : root.objects("clusters")) {
      String name = c.requiredString("name");
      if (!names.add(name)) {
        throw c.error("name", "duplicate cluster \"" + name + "\"");
      }
      List<HostPort> endpoints = new ArrayList<>();
      for (Map.Entry<String, String> e : c.strings("endpoints")) {
        HostPort hp = ConfigNode.parseAddress(e.getKey(), e.getValue());
        if (hp.port() == 0) {
          throw new ConfigException(e.getKey() + ": an endpoint needs a port");
        }
        endpoints.add(hp);
      }
      out.add(
          new ClusterConfig(
              name,
              endpoints,
              c.duration("connectTimeout", ClusterConfig.DEFAULT_CONNECT_TIMEOUT),
              c.duration("timeout", ClusterConfig.DEFAULT_TIMEOUT),
              c.integer(
                  "maxConnectionsPerWorker", ClusterConfig.DEFAULT_MAX_CONNECTIONS_PER_WORKER, 1)));
      c.rejectUnknown();
    }
    return out;
  }

  private static List<ListenerConfig> listeners(ConfigNode root, List<ClusterConfig> clusters)
      throws ConfigException {
    Set<String> clusterNames = new HashSet<>();
    clusters.forEach(c -> clusterNames.add(c.name()));
    List<ListenerConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode l : root.objects("listeners")) {
      HostPort address = l.address("address", null);
      if (address == null) {
        throw l.error("address", "is required");
      }
      String name = l.string("name", "http-" + address.port());
      if (!names.add(name)) {
        throw l.error("name", "duplicate listener \"" + name + "\"");
      }
      List<RouteConfig> routes = new ArrayList<>();
      int i = 0;
      for (ConfigNode r : l.objects("routes")) {
        routes.add(route(r, name + "-" + i++, clusterNames));
      }
      l.rejectUnknown();
      out.add(new ListenerConfig(name, address, routes));
    }
    if (out.isEmpty()) {
      throw new ConfigException("listeners: at least one listener is required");
    }
    return out;
  }

  private static RouteConfig route(ConfigNode r, String defaultName, Set<String> clusterNames)
      throws ConfigException {
    String name = r.string("name", defaultName);
    ConfigNode match = r.object("match");
    if (match == null) {
      throw r.error("match", "is required");
    }
    String prefix = match.string("prefix", null);
    String path = match.string("path", null);
    String host = match.string("host", "*");
    if ((prefix == null) == (path == null)) {
      throw r.error("match", "needs exactly one of prefix or path");
    }
    String p = prefix != null ? prefix : path;
    if (!p.startsWith("/")) {
      throw match.error(prefix != null ? "prefix" : "path", "must start with /");
    }
    match.rejectUnknown();
    String cluster = r.requiredString("cluster");
    if (!clusterNames.contains(cluster)) {
      throw r.error("cluster", "unknown cluster \"" + cluster + "\"");
    }
    r.rejectUnknown();
    return new RouteConfig(name, host, path, prefix, cluster);
  }

  private static RemoteModulesConfig remoteModules(ConfigNode r, Path baseDir) throws ConfigException {
    if (r == null) {
      return RemoteModulesConfig.DEFAULTS;
    }
    String cacheDir = r.string("cacheDir", null);
    String secretsDir = r.string("secretsDir", null);
    List<String> insecure = new ArrayList<>();
    for (Map.Entry<String, String> e : r.strings("insecureRegistries")) {
      if (e.getValue().isBlank() || e.getValue().contains("/")) {
        throw new ConfigException(e.getKey() + ": expected a registry host[:port], got \"" + e.getValue() + "\"");
      }
      insecure.add(e.getValue());
    }
    String caFile = r.string("caFile", null);
    java.time.Duration fetchTimeout = r.duration("fetchTimeout", null);
    r.rejectUnknown();
    return new RemoteModulesConfig(
        cacheDir == null ? null : resolve(baseDir, cacheDir),
        secretsDir == null ? null : resolve(baseDir, secretsDir),
        insecure,
        caFile == null ? null : resolve(baseDir, caFile),
        fetchTimeout);
  }

  private static LimitsConfig limits(ConfigNode l) throws ConfigException {
    LimitsConfig d = LimitsConfig.DEFAULTS;
    if (l == null) {
      return d;
    }
    LimitsConfig out =
        new LimitsConfig(
            l.integer("maxHeaderBytes", d.maxHeaderBytes(), 1024),
            l.integer("maxRequestLineBytes", d.maxRequestLineBytes(), 256),
            l.duration("requestHeadersTimeout", d.requestHeadersTimeout()),
            l.duration("idleTimeout", d.idleTimeout()),
            l.integer("bodyBufferLimitBytes", d.bodyBufferLimitBytes(), 1024));
    l.rejectUnknown();
    return out;
  }
}
