package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.StreamFilter;
import java.util.ArrayList;
import java.util.List;

/** The immutable, ordered plugins applying to one listener port in one snapshot. */
record PortChain(List<ChainLink> links) implements FilterChain {
  PortChain {
    links = List.copyOf(links);
  }

  @Override
  public List<StreamFilter> createFilters(int worker, HttpStreamHost stream) {
    List<StreamFilter> filters = new ArrayList<>(links.size());
    for (ChainLink link : links) {
      // The filter's own view: its proxy_continue_stream releases only what it paused.
      StreamFilter filter = link.createFilter(worker, stream.forFilter(filters.size()));
      if (filter != null) {
        filters.add(filter);
      }
    }
    return filters;
  }
}
