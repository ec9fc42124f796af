package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.BufferType;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;

/**
 * proxy_get_buffer_bytes / _status / proxy_set_buffer_bytes over configuration and bodies, and
 * ABI 0.1.0's proxy_get_configuration.
 */
public final class BufferFunctions {
  private BufferFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_get_buffer_bytes", "iiiii", BufferFunctions::getBytes),
        ProxyFunction.env("proxy_get_buffer_status", "iii", BufferFunctions::getStatus),
        ProxyFunction.env("proxy_set_buffer_bytes", "iiiii", BufferFunctions::setBytes),
        ProxyFunction.env("proxy_get_configuration", "ii", BufferFunctions::getConfiguration));
  }

  private static ProxyStatus getBytes(HostCall call, long[] args) {
    BodyBuffer buffer = buffer(call, args[0]);
    // An empty buffer answers OK with nothing written: several SDKs break on NOT_FOUND here.
    call.returnBytes(args[3], args[4], buffer.read(clamp(args[1]), clamp(args[2])));
    return ProxyStatus.OK;
  }

  private static ProxyStatus getStatus(HostCall call, long[] args) {
    BodyBuffer buffer = buffer(call, args[0]);
    call.memory().writeU32(u32(args[1]), buffer.size());
    call.memory().writeU32(u32(args[2]), 0);
    return ProxyStatus.OK;
  }

  private static ProxyStatus setBytes(HostCall call, long[] args) {
    BodyBuffer buffer = buffer(call, args[0]);
    byte[] data = call.read(args[3], args[4]);
    return buffer.write(clamp(args[1]), clamp(args[2]), data)
        ? ProxyStatus.OK
        : ProxyStatus.BAD_ARGUMENT;
  }

  private static ProxyStatus getConfiguration(HostCall call, long[] args) {
    call.returnBytes(args[0], args[1], call.vm().spec().configuration());
    return ProxyStatus.OK;
  }

  /** The buffer a buffer_type names, or a status: BAD_ARGUMENT (unknown), NOT_FOUND (absent). */
  private static BodyBuffer buffer(HostCall call, long type) {
    BufferType bufferType = BufferType.of(type);
    if (bufferType == null) {
      throw new StatusException(ProxyStatus.BAD_ARGUMENT);
    }
    BodyBuffer buffer =
        switch (bufferType) {
          case VM_CONFIGURATION -> new ConfigurationBuffer(call.vm().spec().vmConfiguration());
          case PLUGIN_CONFIGURATION -> new ConfigurationBuffer(call.vm().spec().configuration());
          case HTTP_REQUEST_BODY -> body(call, true);
          case HTTP_RESPONSE_BODY -> body(call, false);
          // Readable only while proxy_on_http_call_response runs.
          case HTTP_CALL_RESPONSE_BODY -> HttpCallFunctions.state(call.vm()).body();
          // Readable only while proxy_on_grpc_receive runs.
          case GRPC_CALL_MESSAGE -> GrpcCallFunctions.state(call.vm()).message();
          // Connection data and foreign-function buffers come with their features.
          default -> null;
        };
    if (buffer == null) {
      throw new StatusException(ProxyStatus.NOT_FOUND);
    }
    return buffer;
  }

  private static BodyBuffer body(HostCall call, boolean request) {
    HttpStreamHost stream = call.stream();
    return request ? stream.requestBody() : stream.responseBody();
  }

  private static int clamp(long u32Arg) {
    return (int) Math.min(u32(u32Arg), Integer.MAX_VALUE);
  }
}
