package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.HostFunctionSpec;
import io.wasmgate.runtime.ValueType;
import io.wasmgate.runtime.WasmMemoryAccessException;
import io.wasmgate.runtime.WasmTrapException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape of every env.proxy_* host function: validate arguments, read guest memory, call
 * one context or stream method, write results back, return a proxy_status_t. Nothing but a guest
 * trap (from the guest's own allocator) leaves it.
 */
public final class ProxyFunction {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyFunction.class);

  /** The body of a host function. */
  @FunctionalInterface
  public interface Body {
    ProxyStatus apply(HostCall call, long[] args);
  }

  private ProxyFunction() {}

  /** env.{@code name} taking {@code params} (one letter per parameter: i = i32, I = i64). */
  public static HostFunctionSpec env(String name, String params, Body body) {
    return new HostFunctionSpec("env", name, signature(params), (instance, args) -> {
      return new long[] {invoke(name, body, new HostCall(instance), args).code()};
    });
  }

  /** An i32-returning signature from one letter per parameter: i = i32, I = i64. */
  public static FunctionSignature signature(String params) {
    List<ValueType> types = new ArrayList<>(params.length());
    for (char c : params.toCharArray()) {
      types.add(c == 'I' ? ValueType.I64 : ValueType.I32);
    }
    return new FunctionSignature(types, List.of(ValueType.I32));
  }

  private static ProxyStatus invoke(String name, Body body, HostCall call, long[] args) {
    try {
      return body.apply(call, args);
    } catch (StatusException e) {
      return e.status();
    } catch (WasmMemoryAccessException e) {
      return ProxyStatus.INVALID_MEMORY_ACCESS;
    } catch (WasmTrapException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("host function {} failed for plugin {}", name, call.vm().spec().name(), e);
      return ProxyStatus.INTERNAL_FAILURE;
    }
  }
}
