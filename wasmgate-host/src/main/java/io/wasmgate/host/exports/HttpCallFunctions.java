package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.HeaderPairs;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.runtime.HostFunctionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * proxy_http_call (and Kong's draft alias proxy_dispatch_http_call) and proxy_get_status (also
 * for gRPC callouts). The response comes back through proxy_on_http_call_response on the root
 * context, on the VM's own worker thread.
 */
public final class HttpCallFunctions {
  private static final List<String> REQUIRED = List.of(":method", ":path", ":authority");

  private HttpCallFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_http_call", "iiiiiiiiii", HttpCallFunctions::httpCall),
        ProxyFunction.env("proxy_dispatch_http_call", "iiiiiiiiii", HttpCallFunctions::httpCall),
        ProxyFunction.env("proxy_get_status", "iii", HttpCallFunctions::getStatus));
  }

  /** The per-VM callout state. */
  static HttpCallState state(VmState vm) {
    return vm.feature(HttpCallState.class, HttpCallState::new);
  }

  private static ProxyStatus httpCall(HostCall call, long[] args) {
    String cluster = call.readString(args[0], args[1]);
    List<Map.Entry<String, String>> headers;
    List<Map.Entry<String, String>> trailers;
    try {
      headers = HeaderPairs.decode(call.read(args[2], args[3]));
      trailers = HeaderPairs.decode(call.read(args[6], args[7]));
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    // Envoy refuses a call without :method, :path and :authority.
    for (String name : REQUIRED) {
      if (headers.stream().noneMatch(h -> h.getKey().equals(name) && !h.getValue().isEmpty())) {
        return ProxyStatus.BAD_ARGUMENT;
      }
    }
    byte[] body = call.read(args[4], args[5]);
    long timeoutMillis = u32(args[8]);
    HttpCallDispatcher dispatcher = call.vm().services().httpCalls();
    if (dispatcher == null || !dispatcher.hasCluster(cluster)) {
      return ProxyStatus.BAD_ARGUMENT; // as Envoy answers a cluster it does not know
    }
    VmState vm = call.vm();
    HttpCallState state = state(vm);
    int id = state.nextId();
    call.memory().writeU32(u32(args[9]), id); // a bad pointer fails before anything starts
    HttpCallDispatcher.Request request =
        new HttpCallDispatcher.Request(
            cluster,
            headers,
            body,
            trailers,
            timeoutMillis == 0 ? null : Duration.ofMillis(timeoutMillis));
    HttpCallDispatcher.Call started =
        dispatcher.dispatch(request, response -> state.deliver(vm, id, response));
    if (started == null) {
      return ProxyStatus.INTERNAL_FAILURE; // off a worker thread, or the gateway is not serving
    }
    // The response comes later on this thread, so the call is known before it can arrive.
    state.started(id, started);
    return ProxyStatus.OK;
  }

  /** During proxy_on_grpc_close the gRPC status and message, else the last HTTP callout's. */
  private static ProxyStatus getStatus(HostCall call, long[] args) {
    GrpcCallState grpc = GrpcCallFunctions.state(call.vm());
    if (grpc.closeStatus() != null) {
      call.memory().writeU32(u32(args[0]), grpc.closeStatus());
      call.returnBytes(args[1], args[2], grpc.closeMessage());
      return ProxyStatus.OK;
    }
    HttpCallState state = state(call.vm());
    call.memory().writeU32(u32(args[0]), state.statusCode());
    call.returnBytes(args[1], args[2], state.statusMessage());
    return ProxyStatus.OK;
  }
}
