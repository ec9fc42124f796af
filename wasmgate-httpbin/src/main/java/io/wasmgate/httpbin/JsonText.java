package io.wasmgate.httpbin;

import java.util.List;
import java.util.Map;

/**
 * Renders maps, lists, strings, numbers, booleans and null as JSON the way httpbin prints it:
 * two-space indentation, {@code "key": value}, empty containers as {@code {}} / {@code []}, and a
 * trailing newline. Key order is the map's own, so callers pass sorted maps where httpbin sorts.
 */
final class JsonText {
  private final StringBuilder out = new StringBuilder();

  private JsonText() {}

  static String render(Object value) {
    JsonText json = new JsonText();
    json.write(value, 0);
    return json.out.append('\n').toString();
  }

  private void write(Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, depth);
    } else if (value instanceof List<?> list) {
      writeArray(list, depth);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      writeString(value.toString());
    }
  }

  private void writeObject(Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator);
      indent(depth + 1);
      writeString(String.valueOf(entry.getKey()));
      out.append(": ");
      write(entry.getValue(), depth + 1);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth);
    out.append('}');
  }

  private void writeArray(List<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object element : list) {
      out.append(separator);
      indent(depth + 1);
      write(element, depth + 1);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth);
    out.append(']');
  }

  private void indent(int depth) {
    out.append("  ".repeat(depth));
  }

  private void writeString(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
