package io.wasmgate.host;

import io.wasmgate.host.vm.LoadedPluginModule;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;

/** The Proxy-Wasm host's entry point: turns module bytes into a {@link PluginModule}. */
public final class ProxyWasmHost {
  private ProxyWasmHost() {}

  /**
   * Compiles the module once, or loads its compiled code from the cache that {@link
   * CompileCache#fromEnvironment} names, and checks it can run here: a known ABI marker export,
   * every import provided by the host, and a guest allocator. Thread-safe; the result starts any
   * number of VMs.
   *
   * @throws PluginLoadException naming what is wrong (invalid wasm, unknown ABI, each missing
   *     import, no allocator)
   */
  public static PluginModule load(byte[] wasm, EngineKind engine) throws PluginLoadException {
    return LoadedPluginModule.load(wasm, engine);
  }

  /** As {@link #load(byte[], EngineKind)}, with the given compiled-code cache. */
  public static PluginModule load(byte[] wasm, EngineKind engine, CompileCache cache)
      throws PluginLoadException {
    return LoadedPluginModule.load(wasm, engine, cache);
  }
}
