package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;

/** Validates and compiles module bytes; the Proxy-Wasm host with the configured engine. */
@FunctionalInterface
interface ModuleLoader {
  PluginModule load(byte[] wasm) throws PluginLoadException;
}
