package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/** Removes connection-specific headers, which describe one hop and must never be forwarded. */
final class HopByHopHeaders {
  private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

  private HopByHopHeaders() {}

  static void strip(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONNECTION)) {
      List<String> named = headers.getAll(HttpHeaderNames.CONNECTION);
      for (int i = 0; i < named.size(); i++) {
        removeListed(headers, named.get(i));
      }
      headers.remove(HttpHeaderNames.CONNECTION);
    }
    headers.remove(KEEP_ALIVE);
    headers.remove(PROXY_CONNECTION);
    headers.remove(HttpHeaderNames.TE);
    headers.remove(HttpHeaderNames.TRAILER);
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    headers.remove(HttpHeaderNames.UPGRADE);
  }

  /** Removes the headers a Connection value names ("keep-alive, x-secret"); keep-alive goes anyway. */
  private static void removeListed(HttpHeaders headers, String value) {
    int start = 0;
    while (start < value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String name = value.substring(start, end).trim();
      if (!name.isEmpty() && !KEEP_ALIVE.contentEqualsIgnoreCase(name)) {
        headers.remove(name);
      }
      start = end + 1;
    }
  }
}
