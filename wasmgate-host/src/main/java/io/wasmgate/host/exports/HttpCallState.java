package io.wasmgate.host.exports;

import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.host.ListHeaderMap;
import java.nio.charset.StandardCharsets;

/**
 * One VM's HTTP callouts: call ids, the response readable while proxy_on_http_call_response runs,
 * and the status proxy_get_status reports for the last call result.
 */
final class HttpCallState {
  /** Envoy's WasmResult::BrokenConnection, the status of a call that got no response. */
  static final int BROKEN_CONNECTION = 11;

  private int nextId = 1;
  private HeaderMap headers;
  private HeaderMap trailers;
  private BodyBuffer body;
  private int statusCode;
  private byte[] statusMessage = new byte[0];

  int nextId() {
    int id = nextId++;
    if (nextId <= 0) {
      nextId = 1;
    }
    return id;
  }

  /** Delivers a response to the root context; the response is readable only during the call. */
  void deliver(VmState vm, int callId, HttpCallDispatcher.Response response) {
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
