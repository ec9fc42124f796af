package io.wasmgate.host.exports;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginSpec;

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
}
