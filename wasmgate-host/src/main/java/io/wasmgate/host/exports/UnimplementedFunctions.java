package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Host calls whose features are not built yet, registered so real SDK binaries link; they answer
 * UNIMPLEMENTED. None at present: every Proxy-Wasm host function has its own implementation.
 */
public final class UnimplementedFunctions {
  /** Name to parameter letters (i = i32, I = i64), as the SDKs declare them. */
  private static final Map<String, String> FUNCTIONS =
      Map.of();

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
