package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.HeaderPairs;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.runtime.HostFunctionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * proxy_grpc_call, proxy_grpc_stream, proxy_grpc_send, proxy_grpc_cancel and proxy_grpc_close,
 * with Envoy's semantics: a unary call answers through proxy_on_grpc_receive (success) or
 * proxy_on_grpc_close (failure, status readable with proxy_get_status); a stream delivers initial
 * metadata, messages, trailing metadata and its close. Every callback runs on the root context, on
 * the VM's own worker thread.
 */
public final class GrpcCallFunctions {
  private GrpcCallFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_grpc_call", "iiiiiiiiiiii", GrpcCallFunctions::grpcCall),
        ProxyFunction.env("proxy_grpc_stream", "iiiiiiiii", GrpcCallFunctions::grpcStream),
        ProxyFunction.env("proxy_grpc_send", "iiii", GrpcCallFunctions::grpcSend),
        ProxyFunction.env("proxy_grpc_cancel", "i", GrpcCallFunctions::grpcCancel),
        ProxyFunction.env("proxy_grpc_close", "i", GrpcCallFunctions::grpcClose));
  }

  /** The per-VM gRPC callout state; the VM's close cancels what is still open. */
  static GrpcCallState state(VmState vm) {
    return vm.feature(GrpcCallState.class, () -> new GrpcCallState(vm.services().worker()));
  }

  private static ProxyStatus grpcCall(HostCall call, long[] args) {
    long timeoutMillis = u32(args[10]);
    // Envoy: a zero timeout is no timeout.
    Duration timeout = timeoutMillis == 0 ? null : Duration.ofMillis(timeoutMillis);
    byte[] message = call.read(args[8], args[9]);
    return open(call, args, timeout, message, args[11]);
  }

  private static ProxyStatus grpcStream(HostCall call, long[] args) {
    return open(call, args, null, null, args[8]);
  }

  /** Opens a unary call (message non-null, sent with end of stream) or a stream. */
  private static ProxyStatus open(
      HostCall call, long[] args, Duration timeout, byte[] message, long tokenOut) {
    GrpcService target = GrpcService.parse(call.read(args[0], args[1]));
    String service = call.readString(args[2], args[3]);
    String method = call.readString(args[4], args[5]);
    List<Map.Entry<String, String>> metadata;
    try {
      metadata = metadata(HeaderPairs.decode(call.read(args[6], args[7])));
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    GrpcCallDispatcher dispatcher = call.vm().services().grpcCalls();
    // Envoy answers PARSE_FAILURE when the service is neither a GrpcService proto nor a cluster it
    // knows (SDKs treat it as "no such service"); no dispatcher knows none.
    if (dispatcher == null || !dispatcher.hasCluster(target.cluster())) {
      return ProxyStatus.PARSE_FAILURE;
    }
    VmState vm = call.vm();
    GrpcCallState state = state(vm);
    boolean unary = message != null;
    int token = state.reserve(unary);
    GrpcCallDispatcher.Request request =
        new GrpcCallDispatcher.Request(
            target.cluster(), target.authority(), service, method, metadata, timeout);
    GrpcCallDispatcher.Stream stream =
        dispatcher.open(
            request, unary ? state.unaryListener(vm, token) : state.streamListener(vm, token));
    state.opened(token, stream);
    if (stream == null) {
      return ProxyStatus.INTERNAL_FAILURE; // off a worker thread, or the gateway stopped
    }
    if (unary) {
      stream.send(message, true);
    }
    call.memory().writeU32(u32(tokenOut), token);
    return ProxyStatus.OK;
  }

  /** Initial metadata as Envoy builds it: lower-case keys; pseudo-headers are the host's own. */
  private static List<Map.Entry<String, String>> metadata(List<Map.Entry<String, String>> pairs) {
    List<Map.Entry<String, String>> out = new ArrayList<>(pairs.size());
    for (Map.Entry<String, String> p : pairs) {
      String key = p.getKey().toLowerCase(Locale.ROOT);
      if (!key.startsWith(":")) {
        out.add(Map.entry(key, p.getValue()));
      }
    }
    return out;
  }

  private static ProxyStatus grpcSend(HostCall call, long[] args) {
    int token = (int) u32(args[0]);
    if (GrpcCallState.isCall(token)) {
      return ProxyStatus.BAD_ARGUMENT; // a unary call sent its one message already
    }
    GrpcCallDispatcher.Stream stream = state(call.vm()).stream(token);
    if (stream == null) {
      return ProxyStatus.NOT_FOUND;
    }
    stream.send(call.read(args[1], args[2]), args[3] != 0);
    return ProxyStatus.OK;
  }

  private static ProxyStatus grpcCancel(HostCall call, long[] args) {
    return state(call.vm()).cancel((int) u32(args[0])) ? ProxyStatus.OK : ProxyStatus.NOT_FOUND;
  }

  /** Closing a unary call cancels it (Envoy); closing a stream half-closes it. */
  private static ProxyStatus grpcClose(HostCall call, long[] args) {
    int token = (int) u32(args[0]);
    GrpcCallState state = state(call.vm());
    boolean found = GrpcCallState.isCall(token) ? state.cancel(token) : state.closeStream(token);
    return found ? ProxyStatus.OK : ProxyStatus.NOT_FOUND;
  }
}
