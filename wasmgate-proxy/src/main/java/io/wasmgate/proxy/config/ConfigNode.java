package io.wasmgate.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A YAML mapping being read field by field. Remembers its path for error messages and which fields
 * were consumed, so {@link #rejectUnknown()} can name the first field nobody asked for.
 */
final class ConfigNode {
  private final String path;
  private final JsonNode node;
  private final Set<String> consumed = new HashSet<>();

  private ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  static ConfigNode root(JsonNode node) throws ConfigException {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new ConfigNode("", tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }
    if (!node.isObject()) {
      throw new ConfigException("the document must be a mapping");
    }
    return new ConfigNode("", node);
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  ConfigException error(String field, String message) {
    return new ConfigException(path(field) + ": " + message);
  }

  private JsonNode take(String field) {
    consumed.add(field);
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  String string(String field, String fallback) throws ConfigException {
    JsonNode v = take(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isValueNode() || v.isContainer()) {
      throw error(field, "must be a string");
    }
    return v.asString();
  }

  String requiredString(String field) throws ConfigException {
    String s = string(field, null);
    if (s == null || s.isBlank()) {
      throw error(field, "is required");
    }
    return s;
  }

  int integer(String field, int fallback, int min) throws ConfigException {
    JsonNode v = take(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isInt()) {
      throw error(field, "must be an integer");
    }
    if (v.asInt() < min) {
      throw error(field, "must be at least " + min);
    }
    return v.asInt();
  }

  Duration duration(String field, Duration fallback) throws ConfigException {
    String s = string(field, null);
    if (s == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(s);
      if (d.isZero()) {
        throw error(field, "must be greater than zero");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  HostPort address(String field, HostPort fallback) throws ConfigException {
    String s = string(field, null);
    if (s == null) {
      return fallback;
    }
    return parseAddress(path(field), s);
  }

  static HostPort parseAddress(String where, String text) throws ConfigException {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  /** A nested mapping, or null when absent. */
  ConfigNode object(String field) throws ConfigException {
    JsonNode v = take(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw error(field, "must be a mapping");
    }
    return new ConfigNode(path(field), v);
  }

  Map<String, String> stringMap(String field) throws ConfigException {
    JsonNode v = take(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error(field, "must be a mapping of strings");
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw error(field + "." + e.getKey(), "must be a string");
      }
      out.put(e.getKey(), e.getValue().asString());
    }
    return out;
  }

  /** The elements of a sequence of mappings (empty when absent). */
  List<ConfigNode> objects(String field) throws ConfigException {
    List<ConfigNode> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : sequence(field)) {
      String itemPath = path(field) + "[" + i++ + "]";
      if (!item.isObject()) {
        throw new ConfigException(itemPath + ": must be a mapping");
      }
      out.add(new ConfigNode(itemPath, item));
    }
    return out;
  }

  /** The elements of a sequence of scalars, with their paths. */
  List<Map.Entry<String, String>> strings(String field) throws ConfigException {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : sequence(field)) {
      String itemPath = path(field) + "[" + i++ + "]";
      if (!item.isValueNode() || item.isNull()) {
        throw new ConfigException(itemPath + ": must be a string");
      }
      out.add(Map.entry(itemPath, item.asString()));
    }
    return out;
  }

  private List<JsonNode> sequence(String field) throws ConfigException {
    JsonNode v = take(field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(field, "must be a list");
    }
    return new ArrayList<>(v.values());
  }

  void rejectUnknown() throws ConfigException {
    for (String name : node.propertyNames()) {
      if (!consumed.contains(name)) {
        throw error(name, "unknown field");
      }
    }
  }
}
