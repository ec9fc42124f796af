package io.wasmgate.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered, list-backed {@link HeaderMap}: keys stored in lower case, compared
 * case-insensitively.
 */
public final class ListHeaderMap implements HeaderMap {
  private final List<Map.Entry<String, String>> entries = new ArrayList<>();

  public ListHeaderMap() {}

  public ListHeaderMap(List<Map.Entry<String, String>> initial) {
    setAll(initial);
  }

  /** A map of alternating keys and values: {@code of(":method", "GET", "allow", "true")}. */
  public static ListHeaderMap of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    ListHeaderMap map = new ListHeaderMap();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.add(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public List<Map.Entry<String, String>> entries() {
    return List.copyOf(entries);
  }

  @Override
  public String get(String key) {
    String lower = lower(key);
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> entry : entries) {
      if (entry.getKey().equals(lower)) {
        values.add(entry.getValue());
      }
    }
    return values.isEmpty() ? null : String.join(",", values);
  }

  @Override
  public void add(String key, String value) {
    entries.add(Map.entry(lower(key), value));
  }

  /** Keeps the position of the first occurrence, as Envoy's setCopy does. */
  @Override
  public void replace(String key, String value) {
    String lower = lower(key);
    int first = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).getKey().equals(lower)) {
        first = i;
        break;
      }
    }
    remove(lower);
    entries.add(first < 0 ? entries.size() : first, Map.entry(lower, value));
  }

  @Override
  public void remove(String key) {
    String lower = lower(key);
    entries.removeIf(entry -> entry.getKey().equals(lower));
  }

  @Override
  public void setAll(List<Map.Entry<String, String>> newEntries) {
    entries.clear();
    newEntries.forEach(entry -> add(entry.getKey(), entry.getValue()));
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
