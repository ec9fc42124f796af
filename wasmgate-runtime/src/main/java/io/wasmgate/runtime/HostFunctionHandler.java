package io.wasmgate.runtime;

/** The Java body of a host function. Runs on the thread that called into the guest. */
@FunctionalInterface
public interface HostFunctionHandler {
  /**
   * @param instance the calling instance (its memory and exports, e.g. the guest allocator)
   * @param args the arguments, each widened to long
   * @return the results, one per result type (empty or null for none)
   * @throws WasmTrapException to abort the guest, as proc_exit does
   */
  long[] call(WasmInstance instance, long[] args);
}
