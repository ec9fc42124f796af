package io.wasmgate.admin;

import io.wasmgate.plugin.PluginAdmin;
import io.wasmgate.plugin.PluginStatus;
import io.wasmgate.plugin.ResourceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small but real PluginAdmin for admin tests: it understands the top-level fields of WasmPlugin
 * YAML well enough to store, list and delete resources, and validates all documents first.
 */
final class InMemoryPluginAdmin implements PluginAdmin {
  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*(\\S+)");
  private static final Pattern NAME = Pattern.compile("(?m)^  name:\\s*(\\S+)");
  private static final Pattern NAMESPACE = Pattern.compile("(?m)^  namespace:\\s*(\\S+)");
  private static final Pattern URL = Pattern.compile("(?m)^  url:\\s*(\\S+)");

  private final Map<String, PluginStatus> plugins = new LinkedHashMap<>();

  @Override
  public synchronized String apply(String yaml) throws ResourceException {
    List<String> out = new ArrayList<>();
    for (PluginStatus p : parse(yaml)) {
      PluginStatus old = plugins.put(key(p), p);
      out.add("wasmplugin.extensions.istio.io/" + p.name() + (old == null ? " created" : " configured"));
    }
    return String.join("\n", out);
  }

  @Override
  public synchronized String delete(String yaml) throws ResourceException {
    List<PluginStatus> docs = parse(yaml);
    for (PluginStatus p : docs) {
      if (!plugins.containsKey(key(p))) {
        throw new ResourceException(
            "wasmplugin " + p.name() + " not found in namespace " + p.namespace());
      }
    }
    List<String> out = new ArrayList<>();
    for (PluginStatus p : docs) {
      plugins.remove(key(p));
      out.add("wasmplugin.extensions.istio.io/" + p.name() + " deleted");
    }
    return String.join("\n", out);
  }

  @Override
  public synchronized List<PluginStatus> plugins() {
    return List.copyOf(plugins.values());
  }

  private static List<PluginStatus> parse(String yaml) throws ResourceException {
    List<PluginStatus> out = new ArrayList<>();
    int index = 0;
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) {
        continue;
      }
      index++;
      String kind = find(KIND, doc);
      if (!"WasmPlugin".equals(kind)) {
        throw new ResourceException("document " + index + ": kind must be WasmPlugin, got '" + kind + "'");
      }
      String name = find(NAME, doc);
      if (name == null) {
        throw new ResourceException("document " + index + ": metadata.name is required");
      }
      String namespace = find(NAMESPACE, doc);
      out.add(new PluginStatus(namespace == null ? "default" : namespace, name, name,
          "UNSPECIFIED_PHASE", 0, find(URL, doc), "FAIL_CLOSE", "ACTIVE", "ab12", 2, "compiler", 1 << 20, 0, 0,
          null));
    }
    return out;
  }

  private static String find(Pattern pattern, String doc) {
    Matcher m = pattern.matcher(doc);
    return m.find() ? m.group(1) : null;
  }

  private static String key(PluginStatus p) {
    return p.namespace() + "/" + p.name();
  }
}
