package io.wasmgate.host;

import java.util.List;

/**
 * Gateway-wide services a VM may use outside any stream: properties such as node metadata, and
 * (later) metrics, HTTP callouts and timers. Defaults answer "not available".
 */
public interface HostServices {
  HostServices NONE = new HostServices() {};

  /** A gateway-level attribute (node.*, xds.*, ...), or null when unknown. */
  default byte[] property(List<String> path) {
    return null;
  }
}
