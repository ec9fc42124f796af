package io.wasmgate.runtime;

/** How a module's code runs: Chicory's interpreter, or its runtime compiler to JVM bytecode. */
public enum EngineKind {
  INTERPRETER,
  COMPILER
}
