package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** Trailers as plugins see them: the chunked message's trailing headers, no pseudo-headers. */
final class TrailerHeaderMap extends NettyHeaderMap {
  TrailerHeaderMap(HttpHeaders trailers) {
    super(trailers);
  }

  @Override
  String pseudo(String key) {
    return null;
  }

  @Override
  boolean setPseudo(String key, String value) {
    return false;
  }

  @Override
  void addPseudoEntries(List<Map.Entry<String, String>> out) {}

  @Override
  int pseudoCount() {
    return 0;
  }
}
