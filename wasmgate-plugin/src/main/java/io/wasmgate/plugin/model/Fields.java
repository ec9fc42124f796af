package io.wasmgate.plugin.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Typed, path-aware reads of one YAML mapping. Every wrong value is reported to {@link Problems}
 * under its full field path and read as absent, so one pass finds all the errors of a document.
 */
final class Fields {
  private final JsonNode node;
  private final String path;
  private final Problems problems;

  Fields(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Warns about every field not in {@code known}, as kubectl --validate=warn does. */
  void warnUnknown(Set<String> known) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        problems.warn(path(name), "unknown field");
      }
    }
  }

  /** The field's node, or null when absent or YAML null (Kubernetes treats both alike). */
  JsonNode raw(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  Fields object(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      problems.error(path(field), "expected a mapping, got " + describe(value));
      return null;
    }
    return new Fields(value, path(field), problems);
  }

  String string(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      problems.error(path(field), "expected a string, got " + describe(value));
      return null;
    }
    return value.stringValue();
  }

  String requiredString(String field) {
    String value = string(field);
    if (value == null && raw(field) == null) {
      problems.error(path(field), "required");
    } else if (value != null && value.isEmpty()) {
      problems.error(path(field), "must not be empty");
      return null;
    }
    return value;
  }

  Integer integer(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      problems.error(path(field), "expected an integer, got " + describe(value));
      return null;
    }
    if (!value.canConvertToInt()) {
      problems.error(path(field), value + " is out of the int32 range");
      return null;
    }
    return value.intValue();
  }

  Map<String, String> stringMap(String field) {
    Fields map = object(field);
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : map.node.propertyNames()) {
      String value = map.string(key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** The mappings of a list field, each with its indexed path ("spec.match[1]"). */
  List<Fields> objects(String field, int maxItems) {
    JsonNode value = raw(field);
    List<Fields> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!value.isArray()) {
      problems.error(path(field), "expected a list, got " + describe(value));
      return out;
    }
    if (value.size() > maxItems) {
      problems.error(path(field), "at most " + maxItems + " items, got " + value.size());
    }
    for (int i = 0; i < value.size(); i++) {
      String itemPath = path(field) + "[" + i + "]";
      if (value.get(i).isObject()) {
        out.add(new Fields(value.get(i), itemPath, problems));
      } else {
        problems.error(itemPath, "expected a mapping, got " + describe(value.get(i)));
      }
    }
    return out;
  }

  /** An enum spelled as in YAML ({@code wireName}); {@code fallback} when absent or wrong. */
  <E extends Enum<E>> E enumValue(String field, Class<E> type, Function<E, String> wireName, E fallback) {
    String value = string(field);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (wireName.apply(constant).equals(value)) {
        return constant;
      }
    }
    String expected =
        Arrays.stream(type.getEnumConstants()).map(wireName).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    problems.error(path(field), "unknown value \"" + value + "\" (expected one of " + expected + ")");
    return fallback;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
    return enumValue(field, type, Enum::name, fallback);
  }

  void error(String field, String message) {
    problems.error(path(field), message);
  }

  void warn(String field, String message) {
    problems.warn(path(field), message);
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case STRING -> "the string \"" + value.stringValue() + "\"";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    };
  }
}
