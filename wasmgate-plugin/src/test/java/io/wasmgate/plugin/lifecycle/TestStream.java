package io.wasmgate.plugin.lifecycle;

import io.wasmgate.abi.Action;
import io.wasmgate.abi.StreamType;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.ListHeaderMap;
import io.wasmgate.host.LocalResponse;
import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.StreamFilter;
import java.util.List;

/**
 * A header-only stream driven through a filter chain the way the data plane drives it: request
 * callbacks in chain order, response callbacks in reverse, stopping at the first PAUSE.
 */
final class TestStream implements HttpStreamHost {
  final HeaderMap requestHeaders = new ListHeaderMap();
  HeaderMap responseHeaders;
  LocalResponse localResponse;

  TestStream(String path, String... headers) {
    requestHeaders.add(":method", "GET");
    requestHeaders.add(":path", path);
    requestHeaders.add(":authority", "gateway.test");
    for (int i = 0; i < headers.length; i += 2) {
      requestHeaders.add(headers[i], headers[i + 1]);
    }
  }

  /** Runs the whole exchange; the upstream answers 200 unless a filter answered locally. */
  TestStream run(FilterChain chain, int worker) {
    List<StreamFilter> filters = chain.createFilters(worker, this);
    try {
      boolean paused = false;
      for (StreamFilter filter : filters) {
        if (filter.onRequestHeaders(requestHeaders.size(), true) == Action.PAUSE) {
          paused = true;
          break;
        }
      }
      if (!paused) {
        responseHeaders = new ListHeaderMap();
        responseHeaders.add(":status", "200");
        for (int i = filters.size() - 1; i >= 0; i--) {
          if (filters.get(i).onResponseHeaders(responseHeaders.size(), true) == Action.PAUSE) {
            break;
          }
        }
      }
      filters.forEach(StreamFilter::onStreamComplete);
    } finally {
      filters.forEach(StreamFilter::close);
    }
    return this;
  }

  int status() {
    return localResponse != null ? localResponse.status() : 200;
  }

  List<String> requestValues(String key) {
    return values(requestHeaders, key);
  }

  List<String> responseValues(String key) {
    return responseHeaders == null ? List.of() : values(responseHeaders, key);
  }

  private static List<String> values(HeaderMap map, String key) {
    return map.entries().stream().filter(e -> e.getKey().equals(key)).map(java.util.Map.Entry::getValue).toList();
  }

  @Override
  public HeaderMap requestHeaders() {
    return requestHeaders;
  }

  @Override
  public HeaderMap responseHeaders() {
    return responseHeaders;
  }

  @Override
  public void sendLocalResponse(LocalResponse response) {
    localResponse = response;
  }

  @Override
  public void continueStream(StreamType type) {}

  @Override
  public void closeStream(StreamType type) {}

  @Override
  public byte[] property(List<String> path) {
    return null;
  }
}
