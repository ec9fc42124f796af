package io.wasmgate.host;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.runtime.EngineKind;

/**
 * A validated plugin module: parsed and compiled once, thread-safe, and the factory of its VMs. Load
 * one with {@link ProxyWasmHost#load}.
 */
public interface PluginModule {
  /** Lower-case hex sha256 of the module bytes. */
  String sha256();

  AbiVersion abiVersion();

  int sizeBytes();

  /** The engine this module's VMs run on. */
  EngineKind engine();

  /**
   * Instantiates the module, runs its entry point, creates the root context and calls
   * proxy_on_vm_start and proxy_on_configure.
   *
   * @throws PluginLoadException naming what failed (start, configure, a trap during either)
   */
  PluginVm start(PluginSpec spec, HostServices services) throws PluginLoadException;
}
