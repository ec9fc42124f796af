package io.wasmgate.host.exports;

import java.nio.charset.StandardCharsets;

/**
 * Where a gRPC callout goes, from the {@code service} argument of proxy_grpc_call/_stream: as in
 * Envoy, either a serialized envoy.config.core.v3.GrpcService whose envoy_grpc names the cluster
 * (and optionally the authority), or the cluster name itself. Envoy sends the cluster name as
 * :authority unless the proto says otherwise.
 */
record GrpcService(String cluster, String authority) {
  private static final int ENVOY_GRPC = 1;
  private static final int CLUSTER_NAME = 1;
  private static final int AUTHORITY = 2;

  static GrpcService parse(byte[] service) {
    try {
      byte[] envoyGrpc = ProtoFields.parse(service).bytes(ENVOY_GRPC);
      if (envoyGrpc != null) {
        ProtoFields fields = ProtoFields.parse(envoyGrpc);
        String cluster = fields.string(CLUSTER_NAME);
        if (!cluster.isEmpty()) {
          String authority = fields.string(AUTHORITY);
          return new GrpcService(cluster, authority.isEmpty() ? cluster : authority);
        }
      }
    } catch (IllegalArgumentException notAProto) {
      // A plain cluster name: printable text is almost never a well-formed message.
    }
    String name = new String(service, StandardCharsets.UTF_8);
    return new GrpcService(name, name);
  }
}
