package io.wasmgate.observability;

import java.util.SortedMap;
import java.util.stream.Collectors;

/** A stat's dotted name plus its tags. */
public record StatName(String name, SortedMap<String, String> tags) implements Comparable<StatName> {

  /** Envoy's flat form: tag values folded into the name, e.g. "wasm.plugin.calls.plugin=a.b". */
  public String envoyName() {
    if (tags.isEmpty()) {
      return name;
    }
    return name
        + tags.entrySet().stream()
            .map(e -> "." + e.getKey() + "." + e.getValue())
            .collect(Collectors.joining());
  }

  @Override
  public int compareTo(StatName o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : tags.toString().compareTo(o.tags.toString());
  }
}
