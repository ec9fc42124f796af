package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Host calls whose features (gRPC callouts) are not built yet. Registered so real SDK binaries link, they answer UNIMPLEMENTED.
 */
public final class UnimplementedFunctions {
  /** Name to parameter letters (i = i32, I = i64), as the SDKs declare them. */
  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("proxy_grpc_call", "iiiiiiiiiiii"),
          Map.entry("proxy_grpc_stream", "iiiiiiiii"),
          Map.entry("proxy_grpc_send", "iiii"),
          Map.entry("proxy_grpc_cancel", "i"),
          Map.entry("proxy_grpc_close", "i"));

  private UnimplementedFunctions() {}

  public static List<HostFunctionSpec> all() {
    return FUNCTIONS.entrySet().stream()
        .map(
            e ->
                ProxyFunction.env(
                    e.getKey(), e.getValue(), (call, args) -> ProxyStatus.UNIMPLEMENTED))
        .collect(Collectors.toList());
  }
}
