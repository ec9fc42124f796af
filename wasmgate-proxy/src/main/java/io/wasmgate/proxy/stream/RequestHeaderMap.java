package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** Request headers as plugins see them: :authority (the Host header), :path, :method, :scheme. */
final class RequestHeaderMap extends NettyHeaderMap {
  private final HttpRequest request;
  private final String scheme;
  private final Runnable onChange;

  RequestHeaderMap(HttpRequest request, String scheme, Runnable onChange) {
    super(request.headers());
    this.request = request;
    this.scheme = scheme;
    this.onChange = onChange;
  }

  @Override
  String pseudo(String key) {
    return switch (key) {
      case ":authority" -> request.headers().get(HttpHeaderNames.HOST);
      case ":path" -> request.uri();
      case ":method" -> request.method().name();
      case ":scheme" -> scheme;
      default -> null;
    };
  }

  @Override
  boolean setPseudo(String key, String value) {
    switch (key) {
      case ":authority" -> request.headers().set(HttpHeaderNames.HOST, value);
      case ":path" -> request.setUri(value);
      case ":method" -> request.setMethod(HttpMethod.valueOf(value));
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  void addPseudoEntries(List<Map.Entry<String, String>> out) {
    String authority = request.headers().get(HttpHeaderNames.HOST);
    if (authority != null) {
      out.add(Map.entry(":authority", authority));
    }
    out.add(Map.entry(":path", request.uri()));
    out.add(Map.entry(":method", request.method().name()));
    out.add(Map.entry(":scheme", scheme));
  }

  @Override
  int pseudoCount() {
    return request.headers().contains(HttpHeaderNames.HOST) ? 4 : 3;
  }

  @Override
  String shadowedHeader() {
    return "host";
  }

  @Override
  void changed() {
    onChange.run();
  }
}
