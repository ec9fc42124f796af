package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.wasmgate.host.LocalResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Responses the gateway makes up itself, with Envoy's wording, flags and details. A reply is headers
 * plus body kept apart, so the body can still pass the response body filters.
 */
final class LocalReplies {
  static final String NO_ROUTE_DETAILS = "route_not_found";
  static final String CONNECT_FAILURE_DETAILS =
      "upstream_reset_before_response_started{connection_failure}";
  static final String CONNECT_FAILURE_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
  static final String TERMINATION_DETAILS =
      "upstream_reset_before_response_started{connection_termination}";
  static final String TERMINATION_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: connection"
          + " termination";
  static final String NO_HEALTHY_DETAILS = "no_healthy_upstream";
  static final String NO_HEALTHY_BODY = "no healthy upstream";
  static final String TIMEOUT_DETAILS = "response_timeout";
  static final String TIMEOUT_BODY = "upstream request timeout";

  /** A reply to send: the response head and its body (owned by whoever sends it). */
  record Reply(HttpResponse head, ByteBuf body, String details, String flags) {}

  private LocalReplies() {}

  static Reply text(int status, String body, String details, String flags) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse head = head(status);
    if (bytes.length > 0) {
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    }
    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return new Reply(head, Unpooled.wrappedBuffer(bytes), details, flags);
  }

  /** A plugin's proxy_send_local_response: its headers and body; no response flag, as in Envoy. */
  static Reply fromPlugin(LocalResponse r) {
    HttpResponse head = head(r.status());
    List<Map.Entry<String, String>> headers = r.headers() == null ? List.of() : r.headers();
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().startsWith(":")) {
        head.headers().add(h.getKey(), h.getValue());
      }
    }
    byte[] body = r.body() == null ? new byte[0] : r.body();
    if (body.length > 0 && !head.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    }
    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    // Envoy logs the plugin's own details string; most SDKs send none, which logs as unknown.
    String details = r.details() == null || r.details().isEmpty() ? null : r.details();
    return new Reply(head, Unpooled.wrappedBuffer(body), details, "-");
  }

  private static HttpResponse head(int status) {
    HttpResponseStatus s;
    try {
      s = HttpResponseStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      s = HttpResponseStatus.INTERNAL_SERVER_ERROR;
    }
    return new DefaultHttpResponse(HttpVersion.HTTP_1_1, s);
  }
}
