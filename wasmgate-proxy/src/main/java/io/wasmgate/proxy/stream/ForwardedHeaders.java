package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Prepares a downstream request for forwarding as an edge Envoy does: hop-by-hop headers go, the
 * client address is appended to x-forwarded-for, x-forwarded-proto is set, and a request id is
 * generated when the client sent none.
 */
final class ForwardedHeaders {
  static final String X_FORWARDED_FOR = "x-forwarded-for";
  static final String X_FORWARDED_PROTO = "x-forwarded-proto";
  static final String X_REQUEST_ID = "x-request-id";

  private ForwardedHeaders() {}

  static void apply(HttpHeaders h, String clientIp) {
    HopByHopHeaders.strip(h);
    h.remove("expect");
    String xff = h.get(X_FORWARDED_FOR);
    h.set(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + "," + clientIp);
    h.set(X_FORWARDED_PROTO, "http");
    if (!h.contains(X_REQUEST_ID)) {
      h.set(X_REQUEST_ID, RequestIds.next());
    }
  }
}
