package io.wasmgate.plugin.model;

import java.util.List;

/** One spec.match[] entry: the plugin applies to traffic of this mode on these ports (none = all). */
public record TrafficSelector(WorkloadMode mode, List<Integer> ports) {
  public TrafficSelector {
    ports = List.copyOf(ports);
  }

  public boolean matches(int listenerPort) {
    return mode.appliesToGateway() && (ports.isEmpty() || ports.contains(listenerPort));
  }
}
