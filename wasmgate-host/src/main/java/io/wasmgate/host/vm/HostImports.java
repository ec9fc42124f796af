package io.wasmgate.host.vm;

import io.wasmgate.host.exports.BufferFunctions;
import io.wasmgate.host.exports.ContextFunctions;
import io.wasmgate.host.exports.ForeignFunctions;
import io.wasmgate.host.exports.GrpcCallFunctions;
import io.wasmgate.host.exports.HeaderMapFunctions;
import io.wasmgate.host.exports.HttpCallFunctions;
import io.wasmgate.host.exports.LogFunctions;
import io.wasmgate.host.exports.MetricFunctions;
import io.wasmgate.host.exports.PropertyFunctions;
import io.wasmgate.host.exports.SharedStateFunctions;
import io.wasmgate.host.exports.StreamFunctions;
import io.wasmgate.host.exports.UnimplementedFunctions;
import io.wasmgate.host.wasi.WasiFunctions;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every function the host offers, for every ABI version. The specs are stateless (each call finds
 * its VM through the instance attachment), so one list serves all VMs.
 */
final class HostImports {
  static final List<HostFunctionSpec> ALL =
      Stream.of(
              LogFunctions.all(),
              HeaderMapFunctions.all(),
              BufferFunctions.all(),
              PropertyFunctions.all(),
              StreamFunctions.all(),
              HttpCallFunctions.all(),
              GrpcCallFunctions.all(),
              ContextFunctions.all(),
              SharedStateFunctions.all(),
              MetricFunctions.all(),
              ForeignFunctions.all(),
              UnimplementedFunctions.all(),
              WasiFunctions.all())
          .flatMap(List::stream)
          .toList();

  private HostImports() {}
}
