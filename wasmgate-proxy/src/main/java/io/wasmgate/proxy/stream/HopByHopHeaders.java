package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/** Removes connection-specific headers, which describe one hop and must never be forwarded. */
final class HopByHopHeaders {
  private HopByHopHeaders() {}

  static void strip(HttpHeaders headers) {
    List<String> named = headers.getAll(HttpHeaderNames.CONNECTION);
    for (int i = 0; i < named.size(); i++) {
      for (String token : named.get(i).split(",")) {
        String name = token.trim();
        if (!name.isEmpty()) {
          headers.remove(name);
        }
      }
    }
    headers.remove(HttpHeaderNames.CONNECTION);
    headers.remove("keep-alive");
    headers.remove("proxy-connection");
    headers.remove(HttpHeaderNames.TE);
    headers.remove(HttpHeaderNames.TRAILER);
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    headers.remove(HttpHeaderNames.UPGRADE);
  }
}
