package io.wasmgate.admin;

import io.wasmgate.plugin.PluginAdmin;
import io.wasmgate.plugin.PluginStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** /config_dump: the registered sections in order, then the plugins as the lifecycle sees them. */
final class ConfigDumpHandler {
  static final String PLUGINS_TYPE = "type.googleapis.com/wasmgate.admin.v1.PluginsConfigDump";

  private final List<ConfigDumpSection> sections;

  ConfigDumpHandler(List<ConfigDumpSection> registered, PluginAdmin plugins) {
    this.sections = new ArrayList<>(registered);
    if (plugins != null) {
      sections.add(new ConfigDumpSection() {
        @Override
        public String name() {
          return "plugins";
        }

        @Override
        public String typeUrl() {
          return PLUGINS_TYPE;
        }

        @Override
        public Object content() {
          return Map.of("plugins", plugins.plugins().stream().map(ConfigDumpHandler::plugin).toList());
        }
      });
    }
  }

  List<AdminEndpoint> endpoints() {
    return List.of(AdminEndpoint.get("/config_dump",
        "dump the current configuration (bootstrap, listeners, routes, clusters, plugins) as JSON",
        this::dump));
  }

  private AdminResponse dump(AdminRequest request) {
    ObjectNode root = AdminJson.MAPPER.createObjectNode();
    ArrayNode configs = root.putArray("configs");
    for (ConfigDumpSection section : sections) {
      ObjectNode entry = configs.addObject();
      entry.put("@type", section.typeUrl());
      JsonNode content;
      try {
        content = AdminJson.MAPPER.valueToTree(section.content());
      } catch (RuntimeException e) {
        return AdminResponse.text(500,
            "error: config dump section '" + section.name() + "' failed: " + e.getMessage() + "\n");
      }
      if (content instanceof ObjectNode fields) {
        entry.setAll(fields);
      } else {
        entry.set(section.name(), content);
      }
    }
    return AdminResponse.json(AdminJson.write(root));
  }

  private static Map<String, Object> plugin(PluginStatus p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.name());
    out.put("namespace", p.namespace());
    out.put("pluginName", p.pluginName());
    out.put("phase", p.phase());
    out.put("priority", p.priority());
    out.put("url", p.url());
    out.put("failStrategy", p.failStrategy());
    out.put("state", p.state());
    out.put("sha256", p.sha256());
    out.put("vmCount", p.vmCount());
    out.put("engine", p.engine());
    out.put("memoryBytes", p.memoryBytes());
    out.put("traps", p.traps());
    out.put("reloads", p.reloads());
    out.put("lastError", p.lastError());
    return out;
  }
}
