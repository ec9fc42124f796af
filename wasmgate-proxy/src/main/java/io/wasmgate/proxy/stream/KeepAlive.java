package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;

/** HTTP/1 persistence of a message, without scanning header values when there is no Connection header. */
final class KeepAlive {
  private KeepAlive() {}

  static boolean of(HttpMessage m) {
    return m.headers().contains(HttpHeaderNames.CONNECTION)
        ? HttpUtil.isKeepAlive(m)
        : m.protocolVersion().isKeepAliveDefault();
  }
}
