package io.wasmgate.runtime;

/** The numeric Wasm value types a host function may take or return. */
public enum ValueType {
  I32,
  I64,
  F32,
  F64
}
