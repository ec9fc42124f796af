package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.plugin.model.WasmPlugin;

/** One plugin's place in the chain snapshots. */
interface ChainLink {
  WasmPlugin resource();

  /** This plugin's filter for a new stream, or null when the plugin sits this stream out. */
  StreamFilter createFilter(int worker, HttpStreamHost stream);
}
