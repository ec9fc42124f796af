package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.HeaderPairs;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.abi.StreamType;
import io.wasmgate.host.LocalResponse;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.Map;

/** Stream control: local responses, continue and close (plus ABI 0.1.0's continue calls). */
public final class StreamFunctions {
  private StreamFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_send_local_response", "iiiiiiii", StreamFunctions::sendLocal),
        ProxyFunction.env("proxy_continue_stream", "i", StreamFunctions::continueStream),
        ProxyFunction.env("proxy_close_stream", "i", StreamFunctions::closeStream),
        ProxyFunction.env(
            "proxy_continue_request", "", (call, args) -> resume(call, StreamType.HTTP_REQUEST)),
        ProxyFunction.env(
            "proxy_continue_response", "", (call, args) -> resume(call, StreamType.HTTP_RESPONSE)));
  }

  private static ProxyStatus sendLocal(HostCall call, long[] args) {
    String details = call.readString(args[1], args[2]);
    byte[] body = call.read(args[3], args[4]);
    List<Map.Entry<String, String>> headers;
    try {
      headers = HeaderPairs.decode(call.read(args[5], args[6]));
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    // grpc_status is an i32 where -1 means "not a gRPC response".
    int grpcStatus = (int) args[7];
    call.stream()
        .sendLocalResponse(
            new LocalResponse((int) u32(args[0]), details, body, headers, grpcStatus));
    return ProxyStatus.OK;
  }

  private static ProxyStatus continueStream(HostCall call, long[] args) {
    StreamType type = httpStreamType(args[0]);
    return type == null ? ProxyStatus.BAD_ARGUMENT : resume(call, type);
  }

  private static ProxyStatus closeStream(HostCall call, long[] args) {
    StreamType type = httpStreamType(args[0]);
    if (type == null) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    call.stream().closeStream(type);
    return ProxyStatus.OK;
  }

  private static ProxyStatus resume(HostCall call, StreamType type) {
    call.stream().continueStream(type);
    return ProxyStatus.OK;
  }

  /** HTTP contexts control only the request and response halves; connection types need L4. */
  private static StreamType httpStreamType(long code) {
    StreamType type = StreamType.of((int) code);
    return type == StreamType.HTTP_REQUEST || type == StreamType.HTTP_RESPONSE ? type : null;
  }
}
