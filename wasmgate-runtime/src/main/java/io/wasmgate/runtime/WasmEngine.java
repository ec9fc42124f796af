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

  /**
   * As {@link #compile(byte[])} for a caller that already has the bytes' digest (to check a
   * configured sha256, say): a cold JIT takes 50-90 ms to hash a 2.7 MB module, so it is not hashed
   * again. The digest is not trusted blindly: a cache entry is used only when the length and
   * CRC32C it recorded also match the bytes.
   *
   * @param sha256 lower-case hex sha256 of {@code wasm}
   * @throws WasmMalformedException when the bytes are not a valid module
   * @throws IllegalArgumentException when the bytes, once parsed, do not hash to {@code sha256}
   */
  CompiledModule compile(byte[] wasm, String sha256);
}
