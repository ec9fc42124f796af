package io.wasmgate.host;

import java.util.List;
import java.util.Map;

/**
 * A mutable, ordered header (or trailer, or metadata) map owned by the data plane and edited by
 * plugins through the Proxy-Wasm header-map functions. Keys are compared case-insensitively and
 * reported in lower case, as Envoy does; pseudo-headers (":path", ":method", ":authority",
 * ":scheme", ":status") are part of the map.
 */
public interface HeaderMap {
  /** All entries in order, lower-case keys; a key may repeat. */
  List<Map.Entry<String, String>> entries();

  /** Values of {@code key} joined by "," as Envoy does, or null when absent. */
  String get(String key);

  void add(String key, String value);

  /** Removes every value of {@code key}, then adds one. */
  void replace(String key, String value);

  void remove(String key);

  /** Replaces the whole map. */
  void setAll(List<Map.Entry<String, String>> entries);

  default int size() {
    return entries().size();
  }
}
