package io.wasmgate.plugin.model;

/** WasmPlugin spec.failStrategy: what a stream sees when the plugin cannot run. */
public enum FailStrategy {
  /** Answer 503 with response_code_details "wasm_fail_stream" (Istio's default). */
  FAIL_CLOSE,
  /** Skip the plugin as if it were absent. */
  FAIL_OPEN,
  /** Fail the current stream closed, then give the worker a fresh VM for the next one. */
  FAIL_RELOAD
}
