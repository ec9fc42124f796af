package io.wasmgate.plugin;

import io.wasmgate.abi.Action;

/**
 * One plugin applied to one stream, as the data plane sees it: the plugin's HTTP context wrapped in
 * its failStrategy. Never throws: a trap under FAIL_CLOSE has already sent the 503
 * (wasm_fail_stream) local response through the stream host and returns PAUSE; under FAIL_OPEN the
 * filter continues as if absent. Single-threaded, like the context it wraps.
 */
public interface StreamFilter extends AutoCloseable {
  /** The plugin's name, "namespace.name". */
  String pluginName();

  Action onRequestHeaders(int headerCount, boolean endOfStream);

  Action onRequestBody(int bodySize, boolean endOfStream);

  Action onRequestTrailers(int trailerCount);

  Action onResponseHeaders(int headerCount, boolean endOfStream);

  Action onResponseBody(int bodySize, boolean endOfStream);

  Action onResponseTrailers(int trailerCount);

  /** proxy_on_done then proxy_on_log: the stream finished (either way). */
  void onStreamComplete();

  /** proxy_on_delete. */
  @Override
  void close();
}
