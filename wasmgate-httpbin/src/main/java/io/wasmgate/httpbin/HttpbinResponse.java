package io.wasmgate.httpbin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers: status, content type, extra headers and the body bytes. */
record HttpbinResponse(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body) {

  static HttpbinResponse json(Object value) {
    return new HttpbinResponse(HttpResponseStatus.OK, "application/json",
        Map.of(), JsonText.render(value).getBytes(StandardCharsets.UTF_8));
  }

  static HttpbinResponse text(HttpResponseStatus status, String text) {
    return new HttpbinResponse(status, "text/plain; charset=utf-8",
        Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  static HttpbinResponse empty(HttpResponseStatus status) {
    return new HttpbinResponse(status, null, Map.of(), new byte[0]);
  }

  static HttpbinResponse notFound() {
    return text(HttpResponseStatus.NOT_FOUND, "404 Not Found: no httpbin endpoint at this path\n");
  }

  static HttpbinResponse badRequest(String reason) {
    return text(HttpResponseStatus.BAD_REQUEST, reason + "\n");
  }

  static HttpbinResponse methodNotAllowed() {
    return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
  }
}
