package io.wasmgate.cli;

import io.wasmgate.host.NodeProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's node identity as plugins see it (node.id, node.cluster, node.metadata.*), shaped
 * like an Istio ingress gateway's so SDK helpers that read them find something sensible.
 */
final class NodeIdentity {
  private NodeIdentity() {}

  static NodeProperties of(Map<String, String> labels) {
    String host = hostName();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("NAME", host);
    metadata.put("NAMESPACE", labels.getOrDefault("namespace", "istio-system"));
    metadata.put("WORKLOAD_NAME", labels.getOrDefault("app", "wasmgate"));
    metadata.put("MESH_ID", "cluster.local");
    metadata.put("CLUSTER_ID", "Kubernetes");
    return new NodeProperties("router~" + host + "~wasmgate", "wasmgate", metadata);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
