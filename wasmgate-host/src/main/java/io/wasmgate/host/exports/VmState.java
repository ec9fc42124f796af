package io.wasmgate.host.exports;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.SharedQueues;
import java.util.function.Supplier;

/** What host functions may ask of the VM they serve; the instance's attachment. */
public interface VmState {
  PluginSpec spec();

  HostServices services();

  AbiVersion abi();

  /** Name of the guest allocator export (proxy_on_memory_allocate or malloc). */
  String allocator();

  /** The stream of the effective context, or null when that is the root context. */
  HttpStreamHost currentStream();

  /** Makes {@code contextId} the effective context; false when no such context exists. */
  boolean setEffectiveContext(int contextId);

  /**
   * Calls a root-context callback outside any stream (callout responses, ticks, queues), with the
   * root context effective and its id passed before {@code args}. Never throws: a trap fails the VM as any callback's would.
   * Serialized with the VM's close, which may run on another thread: nothing runs after it.
   *
   * @return false when the VM could not run it (failed, closed, or the callback trapped)
   */
  boolean callRootContext(String export, long... args);

  /**
   * This VM's state for one host feature (pending callouts, ...), created on first use. A feature
   * that is {@link AutoCloseable} is closed when the VM closes, after proxy_on_done and
   * proxy_on_delete (or at once when the VM failed); it may be closed from a thread other than the
   * worker's.
   */
  <T> T feature(Class<T> type, Supplier<T> create);

  /**
   * Delivers proxy_on_tick to the root context every {@code periodMillis} on the VM's worker; 0
   * stops it.
   *
   * @return false when the VM has no worker to run ticks on
   */
  boolean setTickPeriod(long periodMillis);

  /** Hears enqueues on the queues this VM registers; delivers proxy_on_queue_ready on its worker. */
  SharedQueues.Listener queueListener();
}
