package io.wasmgate.plugin.lifecycle;

import io.wasmgate.abi.Action;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.plugin.StreamFilter;

/**
 * Stands in for a fail-closed plugin that has no usable VM (module failed to load, or the worker's
 * VM failed): the request is answered 503 without reaching the upstream.
 */
final class FailClosedFilter implements StreamFilter {
  private final String pluginName;
  private final HttpStreamHost stream;

  FailClosedFilter(String pluginName, HttpStreamHost stream) {
    this.pluginName = pluginName;
    this.stream = stream;
  }

  @Override
  public String pluginName() {
    return pluginName;
  }

  @Override
  public Action onRequestHeaders(int headerCount, boolean endOfStream) {
    stream.sendLocalResponse(FailClosedResponse.create());
    return Action.PAUSE;
  }

  @Override
  public Action onRequestBody(int bodySize, boolean endOfStream) {
    return Action.CONTINUE;
  }

  @Override
  public Action onRequestTrailers(int trailerCount) {
    return Action.CONTINUE;
  }

  @Override
  public Action onResponseHeaders(int headerCount, boolean endOfStream) {
    return Action.CONTINUE;
  }

  @Override
  public Action onResponseBody(int bodySize, boolean endOfStream) {
    return Action.CONTINUE;
  }

  @Override
  public Action onResponseTrailers(int trailerCount) {
    return Action.CONTINUE;
  }

  @Override
  public void onStreamComplete() {}

  @Override
  public void close() {}
}
