package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Host calls whose features (callouts, gRPC, shared data and queues, metrics, timers, foreign
 * functions) are not built yet. Registered so real SDK binaries link, they answer UNIMPLEMENTED.
 */
public final class UnimplementedFunctions {
  /** Name to parameter letters (i = i32, I = i64), as the SDKs declare them. */
  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("proxy_http_call", "iiiiiiiiii"),
          Map.entry("proxy_dispatch_http_call", "iiiiiiiiii"),
          Map.entry("proxy_grpc_call", "iiiiiiiiiiii"),
          Map.entry("proxy_grpc_stream", "iiiiiiiii"),
          Map.entry("proxy_grpc_send", "iiii"),
          Map.entry("proxy_grpc_cancel", "i"),
          Map.entry("proxy_grpc_close", "i"),
          Map.entry("proxy_get_status", "iii"),
          Map.entry("proxy_get_shared_data", "iiiii"),
          Map.entry("proxy_set_shared_data", "iiiii"),
          Map.entry("proxy_register_shared_queue", "iii"),
          Map.entry("proxy_resolve_shared_queue", "iiiii"),
          Map.entry("proxy_enqueue_shared_queue", "iii"),
          Map.entry("proxy_dequeue_shared_queue", "iii"),
          Map.entry("proxy_define_metric", "iiii"),
          Map.entry("proxy_increment_metric", "iI"),
          Map.entry("proxy_record_metric", "iI"),
          Map.entry("proxy_get_metric", "ii"),
          Map.entry("proxy_set_tick_period_milliseconds", "i"),
          Map.entry("proxy_call_foreign_function", "iiiiii"),
          Map.entry("proxy_clear_route_cache", ""));

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
