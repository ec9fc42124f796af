package io.wasmgate.runtime;

import java.time.Duration;

/** One instance of a module. Single-threaded: never call it from two threads at once. */
public interface WasmInstance {

  boolean hasExport(String name);

  /**
   * Calls an exported function. A call made while another is running on this thread (a host
   * function calling back into the guest) runs under the outer call's deadline.
   *
   * @return the results (empty for none)
   * @throws WasmTrapException when the guest traps (including interrupts, stack overflow, exit)
   * @throws WasmDeadlineException when the call ran past the call timeout
   * @throws IllegalArgumentException when no function of that name is exported
   */
  long[] call(String export, long... args);

  /** Changes the limit for the calls that follow (null: none), e.g. after a slower start-up. */
  void callTimeout(Duration timeout);

  GuestMemory memory();

  /** The {@link InstanceOptions#attachment()} given at instantiation. */
  Object attachment();
}
