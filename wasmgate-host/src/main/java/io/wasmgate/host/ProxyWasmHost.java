package io.wasmgate.host;

import io.wasmgate.host.vm.LoadedPluginModule;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmEngine;

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

  /**
   * Whether loading the module with {@link EngineKind#COMPILER} would take its compiled code from
   * the cache that {@link CompileCache#fromEnvironment} names instead of compiling it.
   *
   * @param sha256 lower-case hex sha256 of the module bytes
   */
  public static boolean hasCompiledCode(String sha256) {
    return WasmEngine.of(EngineKind.COMPILER, CompileCache.fromEnvironment()).hasCompiledCode(sha256);
  }

  /**
   * As {@link #load(byte[], EngineKind)} for a caller that has already hashed the bytes (to check
   * spec.sha256, say): they are not hashed again, 50-90 ms of a Go plugin's start on a cold JIT.
   *
   * @param sha256 lower-case hex sha256 of {@code wasm}
   */
  public static PluginModule load(byte[] wasm, String sha256, EngineKind engine)
      throws PluginLoadException {
    return LoadedPluginModule.load(wasm, sha256, engine, CompileCache.fromEnvironment());
  }

  /** As {@link #load(byte[], String, EngineKind)}, with the given compiled-code cache. */
  public static PluginModule load(byte[] wasm, String sha256, EngineKind engine, CompileCache cache)
      throws PluginLoadException {
    return LoadedPluginModule.load(wasm, sha256, engine, cache);
  }

  /** As {@link #load(byte[], EngineKind)}, with the given compiled-code cache. */
  public static PluginModule load(byte[] wasm, EngineKind engine, CompileCache cache)
      throws PluginLoadException {
    return LoadedPluginModule.load(wasm, engine, cache);
  }
}
