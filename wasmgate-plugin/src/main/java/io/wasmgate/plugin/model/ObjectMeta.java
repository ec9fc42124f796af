package io.wasmgate.plugin.model;

import java.util.Map;

/** The metadata fields the gateway uses; others (uid, resourceVersion, ...) are accepted and dropped. */
public record ObjectMeta(
    String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
  public ObjectMeta {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** "namespace/name", as kubectl names a namespaced resource. */
  public String key() {
    return namespace + "/" + name;
  }
}
