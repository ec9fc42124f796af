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

  /** The VM limits its wasmgate.io/ annotations set. */
  public PluginLimits limits() {
    return PluginLimits.of(metadata.annotations());
  }

  /** "namespace/name". */
  public String key() {
    return metadata.key();
  }
}
