package io.wasmgate.plugin;

import io.wasmgate.host.HttpStreamHost;
import java.util.List;

/**
 * The ordered plugins (phase, then priority) that apply to one listener at one moment. A stream
 * captures its chain when it starts and keeps it to the end, so a reload never changes the plugins
 * of a request in flight.
 */
public interface FilterChain {
  FilterChain EMPTY = (worker, stream) -> List.of();

  /**
   * The per-stream filters for a stream served by worker {@code worker} (0-based, below the worker
   * count the source was built with), in request order. Response callbacks run in reverse order.
   */
  List<StreamFilter> createFilters(int worker, HttpStreamHost stream);
}
