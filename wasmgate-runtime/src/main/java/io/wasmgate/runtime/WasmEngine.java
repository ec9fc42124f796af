package io.wasmgate.runtime;

import io.wasmgate.runtime.chicory.ChicoryEngine;

/** Turns module bytes into a {@link CompiledModule}. Thread-safe. */
public interface WasmEngine {

  /** The engine of the given kind, compiling every module afresh. */
  static WasmEngine of(EngineKind kind) {
    return new ChicoryEngine(kind, CompileCache.disabled());
  }

  /**
   * The engine of the given kind; {@link EngineKind#COMPILER} reuses code compiled earlier, by this
   * or another process, from {@code cache} and stores what it compiles there. The interpreter has
   * nothing to cache.
   */
  static WasmEngine of(EngineKind kind, CompileCache cache) {
    return new ChicoryEngine(kind, cache);
  }

  EngineKind kind();

  /**
   * Whether {@link #compile} would find the module's compiled code in the cache rather than
   * compile it (a cheap check of the cache, not of the entry's contents).
   *
   * @param sha256 lower-case hex sha256 of the module bytes
   */
  default boolean hasCompiledCode(String sha256) {
    return false;
  }

  /**
   * Parses, validates and (for {@link EngineKind#COMPILER}) compiles the module once, or loads its
   * compiled code from the cache.
   *
   * @throws WasmMalformedException when the bytes are not a valid module
   */
  CompiledModule compile(byte[] wasm);
}
