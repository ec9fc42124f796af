package io.wasmgate.httpbin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Maps a request to its httpbin endpoint. */
final class HttpbinRoutes {
  static final int MAX_BYTES = 100 * 1024;
  static final double MAX_DELAY_SECONDS = 10;

  /** An endpoint's answer and how long to hold it back (only /delay waits). */
  record Answer(HttpbinResponse response, long delayMillis) {
    static Answer now(HttpbinResponse response) {
      return new Answer(response, 0);
    }
  }

  private HttpbinRoutes() {}

  static Answer route(FullHttpRequest request, InetSocketAddress remote) throws IOException {
    String path = new QueryStringDecoder(request.uri()).path();
    RequestEcho echo = new RequestEcho(request, remote);
    if (path.equals("/anything") || path.startsWith("/anything/")) {
      return Answer.now(HttpbinResponse.json(echo.withBody()));
    }
    if (path.startsWith("/status/")) {
      return Answer.now(StatusEndpoint.respond(path.substring("/status/".length())));
    }
    if (path.startsWith("/delay/")) {
      return delay(path.substring("/delay/".length()), echo);
    }
    HttpbinResponse response = switch (path) {
      case "/get" -> HttpbinResponse.json(echo.common());
      case "/headers" -> HttpbinResponse.json(Map.of("headers", echo.headers()));
      case "/ip" -> HttpbinResponse.json(Map.of("origin", echo.origin()));
      case "/user-agent" -> HttpbinResponse.json(singleton("user-agent", echo.userAgent()));
      case "/uuid" -> HttpbinResponse.json(Map.of("uuid", UUID.randomUUID().toString()));
      default -> path.startsWith("/bytes/") ? bytes(path.substring("/bytes/".length()), request.uri()) : null;
    };
    if (response == null) {
      return Answer.now(HttpbinResponse.notFound());
    }
    boolean readOnly = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
    return Answer.now(readOnly ? response : HttpbinResponse.methodNotAllowed());
  }

  private static Answer delay(String seconds, RequestEcho echo) throws IOException {
    double delay;
    try {
      delay = Double.parseDouble(seconds);
    } catch (NumberFormatException notANumber) {
      return Answer.now(HttpbinResponse.badRequest("Invalid delay: '" + seconds + "' (expected seconds, at most 10)"));
    }
    if (!(delay >= 0)) {
      return Answer.now(HttpbinResponse.badRequest("Invalid delay: " + seconds + " (expected seconds, at most 10)"));
    }
    long millis = Math.round(Math.min(delay, MAX_DELAY_SECONDS) * 1000);
    return new Answer(HttpbinResponse.json(echo.withBody()), millis);
  }

  /** n random bytes (at most 100 KiB, like httpbin); the same seed gives the same bytes. */
  private static HttpbinResponse bytes(String count, String uri) {
    int n;
    Random random;
    try {
      n = Integer.parseInt(count);
      List<String> seed = new QueryStringDecoder(uri).parameters().get("seed");
      random = seed == null ? new Random() : new Random(Long.parseLong(seed.get(0)));
    } catch (NumberFormatException notANumber) {
      return HttpbinResponse.badRequest("Invalid /bytes request: count and seed must be integers");
    }
    if (n < 0) {
      return HttpbinResponse.badRequest("Invalid byte count: " + n);
    }
    byte[] body = new byte[Math.min(n, MAX_BYTES)];
    random.nextBytes(body);
    return new HttpbinResponse(HttpResponseStatus.OK, "application/octet-stream", Map.of(), body);
  }

  /** Map.of rejects null values; httpbin prints a missing User-Agent as null. */
  private static Map<String, Object> singleton(String key, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, value);
    return map;
  }
}
