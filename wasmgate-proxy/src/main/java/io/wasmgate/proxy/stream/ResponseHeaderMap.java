package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/** Response headers as plugins see them: :status plus the regular headers. */
final class ResponseHeaderMap extends NettyHeaderMap {
  private final HttpResponse response;

  ResponseHeaderMap(HttpResponse response) {
    super(response.headers());
    this.response = response;
  }

  @Override
  String pseudo(String key) {
    return key.equals(":status") ? Integer.toString(response.status().code()) : null;
  }

  @Override
  boolean setPseudo(String key, String value) {
    if (!key.equals(":status")) {
      return false;
    }
    try {
      response.setStatus(HttpResponseStatus.valueOf(Integer.parseInt(value.trim())));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  void addPseudoEntries(List<Map.Entry<String, String>> out) {
    out.add(Map.entry(":status", Integer.toString(response.status().code())));
  }

  @Override
  int pseudoCount() {
    return 1;
  }
}
