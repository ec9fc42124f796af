package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Prepares a downstream request for forwarding as an edge Envoy does: hop-by-hop headers go, the
 * client address is appended to x-forwarded-for, x-forwarded-proto is set, and a request id is
 * generated when the client sent none. Names are cached AsciiStrings: their hash is computed once.
 */
final class ForwardedHeaders {
  static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
  static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
  private static final AsciiString HTTP = AsciiString.cached("http");

  private ForwardedHeaders() {}

  static void apply(HttpHeaders h, String clientIp) {
    HopByHopHeaders.strip(h);
    h.remove(HttpHeaderNames.EXPECT);
    String xff = h.get(X_FORWARDED_FOR);
    h.set(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + "," + clientIp);
    h.set(X_FORWARDED_PROTO, HTTP);
    if (!h.contains(X_REQUEST_ID)) {
      h.set(X_REQUEST_ID, RequestIds.next());
    }
  }
}
