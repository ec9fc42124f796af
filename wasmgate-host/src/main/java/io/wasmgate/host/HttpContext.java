package io.wasmgate.host;

import io.wasmgate.abi.Action;

/**
 * One plugin's context for one HTTP stream (proxy_on_context_create with the plugin's root context as
 * parent). Single-threaded: only the worker that created it may call it. Every callback may throw
 * {@link PluginTrapException}; after a trap the owning {@link PluginVm} is failed.
 */
public interface HttpContext extends AutoCloseable {
  int contextId();

  Action onRequestHeaders(int headerCount, boolean endOfStream);

  Action onRequestBody(int bodySize, boolean endOfStream);

  Action onRequestTrailers(int trailerCount);

  Action onResponseHeaders(int headerCount, boolean endOfStream);

  Action onResponseBody(int bodySize, boolean endOfStream);

  Action onResponseTrailers(int trailerCount);

  /** proxy_on_done: the stream is complete. */
  void onDone();

  /** proxy_on_log: called after onDone, with request and response maps still readable. */
  void onLog();

  /** proxy_on_delete; never throws. */
  @Override
  void close();
}
