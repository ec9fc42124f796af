package io.wasmgate.plugin.model;

/** WasmPlugin spec.vmConfig.env[].valueFrom. */
public enum EnvValueSource {
  /** The value written in the resource. */
  INLINE,
  /** The variable of the same name in the gateway process's environment. */
  HOST
}
