package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.runtime.HostFunctionSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * proxy_call_foreign_function with the Envoy functions an HTTP plugin uses, and ABI 0.1.0's
 * proxy_clear_route_cache. Any other name answers NOT_FOUND, as Envoy does for an unregistered one.
 */
public final class ForeignFunctions {
  /** Envoy's DeclarePropertyArguments.type: Bytes, String, FlatBuffers, Protobuf. */
  private static final long MAX_PROPERTY_TYPE = 3;
  /** Envoy's LifeSpan: FilterChain, DownstreamRequest, DownstreamConnection. */
  private static final long MAX_LIFE_SPAN = 2;

  private ForeignFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_call_foreign_function", "iiiiii", ForeignFunctions::call),
        ProxyFunction.env("proxy_clear_route_cache", "", (call, args) -> ProxyStatus.OK));
  }

  private static ProxyStatus call(HostCall call, long[] args) {
    String name = call.readString(args[0], args[1]);
    byte[] arguments = call.read(args[2], args[3]);
    ProxyStatus status =
        switch (name) {
          case "declare_property" -> declareProperty(arguments);
          case "set_envoy_filter_state" -> setFilterState(call, arguments);
          // The data plane re-selects the route whenever request headers change: nothing is cached.
          case "clear_route_cache" -> ProxyStatus.OK;
          default -> ProxyStatus.NOT_FOUND;
        };
    if (status == ProxyStatus.OK) {
      call.returnBytes(args[4], args[5], new byte[0]);
    }
    return status;
  }

  /**
   * Checks a DeclarePropertyArguments message (name 1, type 2, span 3, readonly 4). Properties are
   * untyped bytes in this host, so a well-formed declaration needs nothing further.
   */
  private static ProxyStatus declareProperty(byte[] arguments) {
    try {
      ProtoFields fields = ProtoFields.parse(arguments);
      boolean valid =
          !fields.string(1).isEmpty()
              && fields.varint(2) <= MAX_PROPERTY_TYPE
              && fields.varint(3) <= MAX_LIFE_SPAN;
      return valid ? ProxyStatus.OK : ProxyStatus.BAD_ARGUMENT;
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
  }

  /**
   * A SetEnvoyFilterStateArguments message (path 1, value 2, span 3) stored like proxy_set_property
   * stores the path, where later plugins and the access log read it.
   */
  private static ProxyStatus setFilterState(HostCall call, byte[] arguments) {
    ProtoFields fields;
    try {
      fields = ProtoFields.parse(arguments);
    } catch (IllegalArgumentException e) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    String path = fields.string(1);
    if (path.isEmpty()) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    HttpStreamHost stream = call.stream();
    byte[] value = fields.string(2).getBytes(StandardCharsets.UTF_8);
    return stream.setProperty(List.of(path), value) ? ProxyStatus.OK : ProxyStatus.BAD_ARGUMENT;
  }
}
