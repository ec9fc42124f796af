package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.wasmgate.host.GrpcCallDispatcher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTTP/2 headers of a gRPC callout, and what gRPC reads from the answer's. */
final class GrpcHeaders {
  private GrpcHeaders() {}

  /** What Envoy's gRPC client sends: POST /service/method, application/grpc, te: trailers. */
  static Http2Headers request(GrpcCallDispatcher.Request request) {
    Http2Headers h =
        new DefaultHttp2Headers()
            .method("POST")
            .scheme("http")
            .path("/" + request.service() + "/" + request.method())
            .authority(request.authority());
    for (Map.Entry<String, String> m : request.initialMetadata()) {
      h.add(m.getKey(), m.getValue());
    }
    h.set("content-type", "application/grpc");
    h.set("te", "trailers");
    if (request.timeout() != null) {
      h.set("grpc-timeout", timeout(request.timeout()));
    }
    return h;
  }

  /** grpc-timeout: at most 8 digits and a unit. */
  static String timeout(Duration d) {
    long millis = d.toMillis();
    return millis < 100_000_000L ? millis + "m" : Math.min(d.toSeconds(), 99_999_999L) + "S";
  }

  static List<Map.Entry<String, String>> entries(Http2Headers headers) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    headers.forEach(
        h -> out.add(Map.entry(h.getKey().toString().toLowerCase(Locale.ROOT), h.getValue().toString())));
    return out;
  }

  /** The grpc-status, or null when absent or not a number. */
  static Integer grpcStatus(Http2Headers headers) {
    CharSequence value = headers.get("grpc-status");
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The grpc-message, percent-decoded as the gRPC protocol encodes it; "" when absent. */
  static String grpcMessage(Http2Headers headers) {
    CharSequence value = headers.get("grpc-message");
    if (value == null) {
      return "";
    }
    try {
      // Percent-encoding only: a '+' is a literal plus, not a space.
      return URLDecoder.decode(value.toString().replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return value.toString();
    }
  }

  /** gRPC's HTTP-to-status mapping (grpc/doc/http-grpc-status-mapping.md), as Envoy applies it. */
  static int fromHttpStatus(CharSequence status) {
    String code = status == null ? "" : status.toString();
    return switch (code) {
      case "400" -> GrpcCallExchange.INTERNAL;
      case "401" -> 16; // UNAUTHENTICATED
      case "403" -> 7; // PERMISSION_DENIED
      case "404" -> 12; // UNIMPLEMENTED
      case "429", "502", "503", "504" -> GrpcCallExchange.UNAVAILABLE;
      default -> GrpcCallExchange.UNKNOWN;
    };
  }
}
