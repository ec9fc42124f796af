package io.wasmgate.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * HTTP callouts (proxy_http_call) to the gateway's configured clusters, implemented by the data
 * plane for one worker. The host never sees a socket: it hands over a request and gets exactly one
 * {@link Response} back, later, on that worker's thread.
 */
public interface HttpCallDispatcher {
  /** What a dispatch attempt came to. */
  enum Dispatch {
    /** The call is under way; the response callback will run once. */
    STARTED,
    /** No cluster has that name (proxy_http_call answers BAD_ARGUMENT). */
    UNKNOWN_CLUSTER,
    /** The gateway is not serving (not started or shut down). */
    UNAVAILABLE
  }

  /**
   * @param headers including :method, :path and :authority (the host checks they are present)
   * @param trailers empty when there are none
   * @param timeout null for the cluster's own timeout
   */
  record Request(
      String cluster,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      List<Map.Entry<String, String>> trailers,
      Duration timeout) {}

  /**
   * A call's outcome. A response the gateway made itself (503 for a refused connection, 504 for a
   * timeout, as Envoy's router answers) is a normal response; {@code failure} is set, with no
   * headers, only when no response could be delivered ("reset", "exceeded buffer limit").
   *
   * @param headers response headers with ":status" first, lower-case keys
   */
  record Response(
      List<Map.Entry<String, String>> headers,
      byte[] body,
      List<Map.Entry<String, String>> trailers,
      String failure) {

    public static Response failed(String reason) {
      return new Response(List.of(), new byte[0], List.of(), reason);
    }
  }

  /**
   * Starts a call. {@code onResponse} runs exactly once when the result is {@link
   * Dispatch#STARTED}, on this dispatcher's worker thread and never inside this method.
   */
  Dispatch dispatch(Request request, Consumer<Response> onResponse);
}
