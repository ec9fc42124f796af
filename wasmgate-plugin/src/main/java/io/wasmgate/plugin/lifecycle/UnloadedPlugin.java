package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.plugin.model.FailStrategy;
import io.wasmgate.plugin.model.WasmPlugin;

/**
 * A plugin whose module never loaded, or is still being fetched: fail-closed plugins deny every
 * matching request (Istio's deny fallback), fail-open ones are left out of the chain.
 */
record UnloadedPlugin(WasmPlugin resource) implements ChainLink {
  boolean deniesTraffic() {
    return resource.spec().failStrategy() != FailStrategy.FAIL_OPEN;
  }

  @Override
  public StreamFilter createFilter(int worker, HttpStreamHost stream) {
    return deniesTraffic() ? new FailClosedFilter(resource.qualifiedName(), stream) : null;
  }
}
