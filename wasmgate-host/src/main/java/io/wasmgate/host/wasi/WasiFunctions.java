package io.wasmgate.host.wasi;

import io.wasmgate.runtime.HostFunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * WASI preview1 as Envoy's host offers it: every function, under both module names, with no access
 * to the gateway's files, sockets, arguments or environment.
 */
public final class WasiFunctions {
  private WasiFunctions() {}

  public static List<HostFunctionSpec> all() {
    List<HostFunctionSpec> specs = new ArrayList<>();
    Stream.of(
            WasiOutput.all(),
            WasiEnvironment.all(),
            WasiClockAndProcess.all(),
            WasiUnsupported.all())
        .flatMap(List::stream)
        .forEach(function -> WasiFunction.MODULES.forEach(m -> specs.add(function.spec(m))));
    return List.copyOf(specs);
  }
}
