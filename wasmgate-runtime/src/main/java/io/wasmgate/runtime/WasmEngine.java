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
   * Hashes the bytes once, then parses, validates and (for {@link EngineKind#COMPILER}) compiles
   * the module once, or loads its compiled code from the cache.
   *
   * @throws WasmMalformedException when the bytes are not a valid module
   */
  CompiledModule compile(byte[] wasm);

  /**
   * As {@link #compile(byte[])} for a caller that already hashed the bytes (to check a configured
   * sha256, say): a cold JIT takes 50-90 ms to hash a 2.7 MB module, so neither the engine nor its
   * parser hashes them again: the caller vouches that {@code sha256} is their digest (the plugin
   * layer computes it from the bytes and checks a pinned sha256 against it). The cache does not
   * take it on trust: an entry is used only when the length and CRC32C it recorded also match the
   * bytes, and when an entry under the digest does not fit, the bytes are hashed to tell a wrong
   * digest (refused) from a stale entry (replaced).
   *
   * @param sha256 lower-case hex sha256 of {@code wasm}
   * @throws WasmMalformedException when the bytes are not a valid module
   * @throws IllegalArgumentException when a cache entry under {@code sha256} records other bytes
   *     and the bytes do not hash to {@code sha256}
   */
  CompiledModule compile(byte[] wasm, String sha256);
}
