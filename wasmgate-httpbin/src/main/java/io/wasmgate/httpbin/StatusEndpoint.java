package io.wasmgate.httpbin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** /status/{codes}: answers with the given code, or a random one of a comma-separated list. */
final class StatusEndpoint {
  static final String TEAPOT = """

                 ~~~ short and stout ~~~
                         ( (
                          ) )
                     _..-------.._
                   .'  _________  '.       ___
                  /  .'         '.  \\     /  _)
           ___   |  /   I'M A     \\  |___/  /
          / __\\__|  |   TEAPOT    |  |_____/
          \\ \\    |  \\  (RFC 2324) /  |
           \\ \\___ \\  '._________.'  /
            \\____ '.______________.'
                  '----------------'
      """;

  private StatusEndpoint() {}

  static HttpbinResponse respond(String codes) {
    String[] choices = codes.split(",");
    int code;
    try {
      code = Integer.parseInt(choices[ThreadLocalRandom.current().nextInt(choices.length)].trim());
    } catch (NumberFormatException notANumber) {
      return HttpbinResponse.badRequest("Invalid status code: '" + codes + "' (expected e.g. 404 or 200,500)");
    }
    if (code < 200 || code > 599) {
      return HttpbinResponse.badRequest("Invalid status code: " + code + " (expected 200-599)");
    }
    if (code == 418) {
      return new HttpbinResponse(HttpResponseStatus.valueOf(418, "I'm a teapot"), "text/plain; charset=utf-8",
          Map.of("x-more-info", "http://tools.ietf.org/html/rfc2324"),
          TEAPOT.getBytes(StandardCharsets.UTF_8));
    }
    return HttpbinResponse.empty(HttpResponseStatus.valueOf(code));
  }
}
