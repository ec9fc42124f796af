package io.wasmgate.admin;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One entry of {@code /config_dump}'s {@code configs} list. The content is read on every request
 * and written with Jackson: a Map or record becomes the entry's fields after {@code @type}; any other
 * value is written under the section's name.
 */
public interface ConfigDumpSection {
  /** Short name, e.g. "bootstrap", "listeners", "routes", "clusters". */
  String name();

  /** The entry's {@code @type}. */
  String typeUrl();

  /** The current configuration, JSON-serializable. */
  Object content();

  /**
   * A section whose {@code @type} follows Envoy's naming:
   * {@code type.googleapis.com/wasmgate.admin.v1.<Name>ConfigDump}.
   */
  static ConfigDumpSection of(String name, Supplier<?> content) {
    Objects.requireNonNull(content, "content");
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "config dump section name must be lower-case letters, digits or '_', got '" + name + "'");
    }
    String typeUrl = "type.googleapis.com/wasmgate.admin.v1." + pascalCase(name) + "ConfigDump";
    return new ConfigDumpSection() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String typeUrl() {
        return typeUrl;
      }

      @Override
      public Object content() {
        return content.get();
      }
    };
  }

  private static String pascalCase(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split("_")) {
      if (!word.isEmpty()) {
        out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
      }
    }
    return out.toString();
  }
}
