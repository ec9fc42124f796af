package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.abi.HeaderPairs;
import io.wasmgate.abi.MapType;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.runtime.HostFunctionSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** proxy_*_header_map_* over the current stream's headers and trailers and callout responses. */
public final class HeaderMapFunctions {
  private HeaderMapFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_get_header_map_value", "iiiii", HeaderMapFunctions::getValue),
        ProxyFunction.env("proxy_get_header_map_pairs", "iii", HeaderMapFunctions::getPairs),
        ProxyFunction.env("proxy_get_header_map_size", "ii", HeaderMapFunctions::getSize),
        ProxyFunction.env("proxy_set_header_map_pairs", "iii", HeaderMapFunctions::setPairs),
        ProxyFunction.env("proxy_add_header_map_value", "iiiii", HeaderMapFunctions::add),
        ProxyFunction.env("proxy_replace_header_map_value", "iiiii", HeaderMapFunctions::replace),
        ProxyFunction.env("proxy_remove_header_map_value", "iii", HeaderMapFunctions::remove));
  }

  private static ProxyStatus getValue(HostCall call, long[] args) {
    HeaderMap map = map(call, args[0]);
    String value = map.get(call.readString(args[1], args[2]));
    if (value == null) {
      // ABI 0.1.0 answered a missing key with an empty value; later ABIs with NOT_FOUND.
      if (call.vm().abi() != AbiVersion.V0_1_0) {
        return ProxyStatus.NOT_FOUND;
      }
      value = "";
    }
    call.returnBytes(args[3], args[4], value.getBytes(StandardCharsets.UTF_8));
    return ProxyStatus.OK;
  }

  private static ProxyStatus getPairs(HostCall call, long[] args) {
    call.returnBytes(args[1], args[2], HeaderPairs.encode(map(call, args[0]).entries()));
    return ProxyStatus.OK;
  }

  private static ProxyStatus getSize(HostCall call, long[] args) {
    byte[] encoded = HeaderPairs.encode(map(call, args[0]).entries());
    call.memory().writeU32(u32(args[1]), encoded.length);
    return ProxyStatus.OK;
  }

  private static ProxyStatus setPairs(HostCall call, long[] args) {
    HeaderMap map = map(call, args[0]);
    List<Map.Entry<String, String>> pairs;
    try {
      pairs = HeaderPairs.decode(call.read(args[1], args[2]));
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    map.setAll(pairs);
    return ProxyStatus.OK;
  }

  private static ProxyStatus add(HostCall call, long[] args) {
    map(call, args[0]).add(call.readString(args[1], args[2]), call.readString(args[3], args[4]));
    return ProxyStatus.OK;
  }

  private static ProxyStatus replace(HostCall call, long[] args) {
    map(call, args[0])
        .replace(call.readString(args[1], args[2]), call.readString(args[3], args[4]));
    return ProxyStatus.OK;
  }

  private static ProxyStatus remove(HostCall call, long[] args) {
    map(call, args[0]).remove(call.readString(args[1], args[2]));
    return ProxyStatus.OK;
  }

  /** The map a map_type names, or a status: BAD_ARGUMENT (unknown), NOT_FOUND (absent now). */
  private static HeaderMap map(HostCall call, long type) {
    MapType mapType = MapType.of(type);
    if (mapType == null) {
      throw new StatusException(ProxyStatus.BAD_ARGUMENT);
    }
    HeaderMap map =
        switch (mapType) {
          case HTTP_REQUEST_HEADERS -> call.stream().requestHeaders();
          case HTTP_REQUEST_TRAILERS -> call.stream().requestTrailers();
          case HTTP_RESPONSE_HEADERS -> call.stream().responseHeaders();
          case HTTP_RESPONSE_TRAILERS -> call.stream().responseTrailers();
          // Readable only while proxy_on_http_call_response runs.
          case HTTP_CALL_RESPONSE_HEADERS -> HttpCallFunctions.state(call.vm()).headers();
          case HTTP_CALL_RESPONSE_TRAILERS -> HttpCallFunctions.state(call.vm()).trailers();
          // Readable only while the matching proxy_on_grpc_receive_*_metadata runs.
          case GRPC_CALL_INITIAL_METADATA -> GrpcCallFunctions.state(call.vm()).initialMetadata();
          case GRPC_CALL_TRAILING_METADATA -> GrpcCallFunctions.state(call.vm()).trailingMetadata();
        };
    if (map == null) {
      throw new StatusException(ProxyStatus.NOT_FOUND);
    }
    return map;
  }
}
