package io.wasmgate.plugin.lifecycle;

import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.model.ChainOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every applicable plugin at one moment, in chain order. Chains per listener port are derived on
 * first use and cached; the snapshot itself never changes, a reconcile publishes a new one.
 */
final class ChainSnapshot {
  static final ChainSnapshot EMPTY = new ChainSnapshot(List.of());

  private final List<ChainLink> links;
  private final Map<Integer, FilterChain> byPort = new ConcurrentHashMap<>();

  ChainSnapshot(List<ChainLink> links) {
    this.links =
        links.stream().sorted(Comparator.comparing(ChainLink::resource, ChainOrder.ORDER)).toList();
  }

  /** Called for every stream: a plain lookup once the port's chain is built (no lambda per call). */
  FilterChain chainFor(int listenerPort) {
    FilterChain chain = byPort.get(listenerPort);
    return chain != null ? chain : byPort.computeIfAbsent(listenerPort, this::build);
  }

  private FilterChain build(int port) {
    List<ChainLink> applicable = links.stream().filter(l -> l.resource().spec().matchesPort(port)).toList();
    return applicable.isEmpty() ? FilterChain.EMPTY : new PortChain(applicable);
  }
}
