package io.wasmgate.plugin;

/** Where the data plane gets the current chain for a listener; implemented by the plugin lifecycle. */
public interface FilterChainSource {
  FilterChainSource NONE = port -> FilterChain.EMPTY;

  /** The chain in force now for streams arriving on {@code listenerPort}. */
  FilterChain chainFor(int listenerPort);
}
