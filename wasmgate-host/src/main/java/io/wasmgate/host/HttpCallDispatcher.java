package io.wasmgate.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * HTTP callouts (proxy_http_call) to the gateway's configured clusters, implemented by the data
 * plane for one worker. The host never sees a socket: it hands over a request and gets exactly one
 * {@link Response} back, later, on that worker's thread, unless it cancels the {@link Call} first
 * (its VM closed).
 */
public interface HttpCallDispatcher {
  /** A started call, until its response is delivered. */
  interface Call {
    /**
     * Abandons the call, as Envoy does when the context that made it goes away: the upstream
     * exchange is released promptly and the response callback never runs. Callable from any
     * thread; a no-op once the response was delivered.
     */
    void cancel();
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

  /** Whether {@code cluster} names a configured cluster (else the call is a BAD_ARGUMENT). */
  boolean hasCluster(String cluster);

  /**
   * Starts a call on the calling worker. {@code onResponse} runs exactly once unless the call is
   * cancelled, on this dispatcher's worker thread and never inside this method.
   *
   * @return the started call, or null when the gateway cannot make one now (an unknown cluster,
   *     called off a worker thread, or not serving); proxy_http_call then answers
   *     INTERNAL_FAILURE
   */
  Call dispatch(Request request, Consumer<Response> onResponse);
}
