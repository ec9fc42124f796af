package io.wasmgate.host.exports;

import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.host.ListHeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One VM's HTTP callouts: call ids, the response readable while proxy_on_http_call_response runs,
 * and the status proxy_get_status reports for the last call result. Closing it (the VM closes)
 * cancels every call still open, so the upstream exchange goes at once instead of at its timeout.
 *
 * <p>Calls start and answer on the VM's worker; {@link #close} may come from another thread, hence
 * the concurrent map: a response whose id is gone is not delivered.
 */
final class HttpCallState implements AutoCloseable {
  /** Envoy's WasmResult::BrokenConnection, the status of a call that got no response. */
  static final int BROKEN_CONNECTION = 11;

  private final Map<Integer, HttpCallDispatcher.Call> open = new ConcurrentHashMap<>();
  private int nextId = 1;
  private HeaderMap headers;
  private HeaderMap trailers;
  private BodyBuffer body;
  private int statusCode;
  private byte[] statusMessage = new byte[0];

  /** An id no open call uses. */
  int nextId() {
    int id;
    do {
      id = nextId++;
      if (nextId <= 0) {
        nextId = 1;
      }
    } while (open.containsKey(id));
    return id;
  }

  /** Records a started call until its response is delivered or the VM closes. */
  void started(int callId, HttpCallDispatcher.Call call) {
    open.put(callId, call);
  }

  /**
   * Delivers a response to the root context, unless the call was cancelled; the response is
   * readable only during the callback.
   */
  void deliver(VmState vm, int callId, HttpCallDispatcher.Response response) {
    if (open.remove(callId) == null) {
      return;
    }
    headers = new ListHeaderMap(response.headers());
    trailers = new ListHeaderMap(response.trailers());
    body = new ConfigurationBuffer(response.body());
    statusCode = response.failure() == null ? 0 : BROKEN_CONNECTION;
    statusMessage =
        response.failure() == null
            ? new byte[0]
            : response.failure().getBytes(StandardCharsets.UTF_8);
    try {
      vm.callRootContext(
          "proxy_on_http_call_response",
          callId,
          response.headers().size(),
          response.body().length,
          response.trailers().size());
    } finally {
      headers = null;
      trailers = null;
      body = null;
    }
  }

  /** Forgets every open call at once, so that no late response reaches the guest, and cancels it. */
  @Override
  public void close() {
    List<HttpCallDispatcher.Call> calls = new ArrayList<>();
    for (Integer id : open.keySet()) {
      HttpCallDispatcher.Call call = open.remove(id);
      if (call != null) {
        calls.add(call);
      }
    }
    calls.forEach(HttpCallDispatcher.Call::cancel);
  }

  /** The response headers while a response is being delivered, else null. */
  HeaderMap headers() {
    return headers;
  }

  HeaderMap trailers() {
    return trailers;
  }

  BodyBuffer body() {
    return body;
  }

  int statusCode() {
    return statusCode;
  }

  byte[] statusMessage() {
    return statusMessage;
  }
}
