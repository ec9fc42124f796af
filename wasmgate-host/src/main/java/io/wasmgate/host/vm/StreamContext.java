package io.wasmgate.host.vm;

import io.wasmgate.abi.Action;
import io.wasmgate.host.HttpContext;

/** One HTTP stream's context; callbacks the module does not export simply continue. */
final class StreamContext implements HttpContext {
  private final ProxyWasmVm vm;
  private final int id;
  /** ABI 0.1.0 header callbacks take (context, count) with no end_of_stream flag. */
  private final boolean headersWithoutEndOfStream;
  private boolean closed;

  StreamContext(ProxyWasmVm vm, int id, boolean headersWithoutEndOfStream) {
    this.vm = vm;
    this.id = id;
    this.headersWithoutEndOfStream = headersWithoutEndOfStream;
  }

  @Override
  public int contextId() {
    return id;
  }

  @Override
  public Action onRequestHeaders(int headerCount, boolean endOfStream) {
    return headers("proxy_on_request_headers", headerCount, endOfStream);
  }

  @Override
  public Action onRequestBody(int bodySize, boolean endOfStream) {
    return action("proxy_on_request_body", id, bodySize, flag(endOfStream));
  }

  @Override
  public Action onRequestTrailers(int trailerCount) {
    return action("proxy_on_request_trailers", id, trailerCount);
  }

  @Override
  public Action onResponseHeaders(int headerCount, boolean endOfStream) {
    return headers("proxy_on_response_headers", headerCount, endOfStream);
  }

  @Override
  public Action onResponseBody(int bodySize, boolean endOfStream) {
    return action("proxy_on_response_body", id, bodySize, flag(endOfStream));
  }

  @Override
  public Action onResponseTrailers(int trailerCount) {
    return action("proxy_on_response_trailers", id, trailerCount);
  }

  @Override
  public void onDone() {
    vm.callback(id, "proxy_on_done", id);
  }

  @Override
  public void onLog() {
    vm.callback(id, "proxy_on_log", id);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      vm.deleteContext(id);
    }
  }

  private Action headers(String export, int count, boolean endOfStream) {
    return headersWithoutEndOfStream
        ? action(export, id, count)
        : action(export, id, count, flag(endOfStream));
  }

  private Action action(String export, long... args) {
    long[] results = vm.callback(id, export, args);
    return results == null || results.length == 0 ? Action.CONTINUE : Action.of(results[0]);
  }

  private static long flag(boolean value) {
    return value ? 1 : 0;
  }
}
