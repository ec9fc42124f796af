package io.wasmgate.runtime;

/** One instance of a module. Single-threaded: never call it from two threads at once. */
public interface WasmInstance {

  boolean hasExport(String name);

  /**
   * Calls an exported function.
   *
   * @return the results (empty for none)
   * @throws WasmTrapException when the guest traps (including interrupts, stack overflow, exit)
   * @throws IllegalArgumentException when no function of that name is exported
   */
  long[] call(String export, long... args);

  GuestMemory memory();

  /** The {@link InstanceOptions#attachment()} given at instantiation. */
  Object attachment();
}
