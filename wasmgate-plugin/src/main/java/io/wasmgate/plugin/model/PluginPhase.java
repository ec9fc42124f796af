package io.wasmgate.plugin.model;

/** WasmPlugin spec.phase: where the plugin sits in the filter chain. Declaration order is chain order. */
public enum PluginPhase {
  AUTHN,
  AUTHZ,
  STATS,
  /** Istio places unspecified-phase plugins after the built-in filters, i.e. last. */
  UNSPECIFIED_PHASE
}
