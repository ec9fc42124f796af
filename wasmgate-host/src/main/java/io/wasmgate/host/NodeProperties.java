package io.wasmgate.host;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The gateway's Envoy node identity as plugins read it: node.id, node.cluster and
 * node.metadata.&lt;KEY&gt; (Istio's NAME, NAMESPACE, MESH_ID, ...), also under xds.node. Values are
 * strings, returned raw as Envoy returns string leaves.
 */
public record NodeProperties(String id, String cluster, Map<String, String> metadata) {
  public static final NodeProperties NONE = new NodeProperties("", "", Map.of());

  public NodeProperties {
    id = id == null ? "" : id;
    cluster = cluster == null ? "" : cluster;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The value at {@code path}, or null when it names nothing here. */
  public byte[] get(List<String> path) {
    List<String> node = nodePath(path);
    if (node == null) {
      return null;
    }
    String value =
        switch (node.size()) {
          case 1 -> switch (node.get(0)) {
            case "id" -> id;
            case "cluster" -> cluster;
            default -> null;
          };
          case 2 -> "metadata".equals(node.get(0)) ? metadata.get(node.get(1)) : null;
          default -> null;
        };
    return value == null || value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** The segments after "node" or "xds.node", or null for any other path. */
  private static List<String> nodePath(List<String> path) {
    if (path.size() > 1 && path.get(0).equals("node")) {
      return path.subList(1, path.size());
    }
    if (path.size() > 2 && path.get(0).equals("xds") && path.get(1).equals("node")) {
      return path.subList(2, path.size());
    }
    return null;
  }
}
