package io.wasmgate.runtime;

import io.wasmgate.runtime.chicory.ChicoryEngine;

/** Turns module bytes into a {@link CompiledModule}. Thread-safe. */
public interface WasmEngine {

  /** The engine of the given kind. */
  static WasmEngine of(EngineKind kind) {
    return new ChicoryEngine(kind);
  }

  EngineKind kind();

  /**
   * Parses, validates and (for {@link EngineKind#COMPILER}) compiles the module once.
   *
   * @throws WasmMalformedException when the bytes are not a valid module
   */
  CompiledModule compile(byte[] wasm);
}
