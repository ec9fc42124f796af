package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/** Whether a response carries a body (RFC 9112 section 6.3), judged before its headers are edited. */
final class ResponseFraming {
  private ResponseFraming() {}

  static boolean hasBody(HttpMethod requestMethod, HttpResponse r) {
    int code = r.status().code();
    if (HttpMethod.HEAD.equals(requestMethod) || code < 200 || code == 204 || code == 304) {
      return false;
    }
    if (HttpUtil.isTransferEncodingChunked(r)) {
      return true;
    }
    // Without Content-Length the body runs until the upstream closes.
    return HttpUtil.getContentLength(r, -1L) != 0;
  }
}
