package io.wasmgate.plugin.model;

/** WasmPlugin spec.type. NETWORK (L4) plugins are refused: the gateway only runs HTTP filters. */
public enum PluginType {
  UNSPECIFIED_PLUGIN_TYPE,
  HTTP,
  NETWORK
}
