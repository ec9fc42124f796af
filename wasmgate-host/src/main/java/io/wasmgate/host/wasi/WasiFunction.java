package io.wasmgate.host.wasi;

import io.wasmgate.host.exports.HostCall;
import io.wasmgate.host.exports.ProxyFunction;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.HostFunctionSpec;
import io.wasmgate.runtime.WasmMemoryAccessException;
import io.wasmgate.runtime.WasmTrapException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WASI preview1 function, registered under both wasi_snapshot_preview1 and wasi_unstable as
 * cpp-host does. Bodies return a wasi errno; bad guest pointers become FAULT, never an exception.
 */
record WasiFunction(String name, FunctionSignature signature, Body body) {
  private static final Logger LOG = LoggerFactory.getLogger(WasiFunction.class);
  static final List<String> MODULES = List.of("wasi_snapshot_preview1", "wasi_unstable");

  @FunctionalInterface
  interface Body {
    int apply(HostCall call, long[] args);
  }

  /** An errno-returning function; params one letter each: i = i32, I = i64. */
  static WasiFunction of(String name, String params, Body body) {
    return new WasiFunction(name, ProxyFunction.signature(params), body);
  }

  /** A function this host refuses with a fixed errno. */
  static WasiFunction refusing(String name, String params, int errno) {
    return of(name, params, (call, args) -> errno);
  }

  HostFunctionSpec spec(String module) {
    boolean returnsErrno = !signature.results().isEmpty();
    return new HostFunctionSpec(
        module,
        name,
        signature,
        (instance, args) -> {
          int errno = invoke(new HostCall(instance), args);
          return returnsErrno ? new long[] {errno} : null;
        });
  }

  private int invoke(HostCall call, long[] args) {
    try {
      return body.apply(call, args);
    } catch (WasmMemoryAccessException e) {
      return Errno.FAULT;
    } catch (WasmTrapException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("WASI function {} failed for plugin {}", name, call.vm().spec().name(), e);
      return Errno.IO;
    }
  }
}
