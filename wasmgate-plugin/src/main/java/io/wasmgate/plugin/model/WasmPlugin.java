package io.wasmgate.plugin.model;

/**
 * One validated WasmPlugin resource.
 *
 * @param origin where it was read, e.g. "plugins/auth.yaml document 2", for messages
 */
public record WasmPlugin(ObjectMeta metadata, WasmPluginSpec spec, String origin) {
  /** The plugin's name as Envoy's PluginConfig and the stats tags name it: "namespace.name". */
  public String qualifiedName() {
    return metadata.namespace() + "." + metadata.name();
  }

  /** "namespace/name". */
  public String key() {
    return metadata.key();
  }
}
