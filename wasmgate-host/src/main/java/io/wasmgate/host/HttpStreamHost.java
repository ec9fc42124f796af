package io.wasmgate.host;

import io.wasmgate.abi.StreamType;
import java.util.List;

/**
 * What the data plane offers one HTTP stream's plugin contexts. Implemented by the proxy (Netty),
 * never by the host: this is the seam that keeps the Proxy-Wasm host free of any network code.
 * All methods are called on the stream's own worker thread.
 */
public interface HttpStreamHost {
  /** Request headers including pseudo-headers; never null once the stream exists. */
  HeaderMap requestHeaders();

  /** Response headers, or null before the response started. */
  HeaderMap responseHeaders();

  /** Request trailers, or null when there are none (yet). */
  default HeaderMap requestTrailers() {
    return null;
  }

  /** Response trailers, or null when there are none (yet). */
  default HeaderMap responseTrailers() {
    return null;
  }

  /** The request body seen so far by the current callback, or null outside body callbacks. */
  default BodyBuffer requestBody() {
    return null;
  }

  /** The response body seen so far by the current callback, or null outside body callbacks. */
  default BodyBuffer responseBody() {
    return null;
  }

  /** Answers the downstream client directly; the stream stops going upstream. */
  void sendLocalResponse(LocalResponse response);

  /** Resumes a stream a plugin paused (proxy_continue_stream / proxy_continue_request). */
  void continueStream(StreamType type);

  /** Resets the stream (proxy_close_stream). */
  void closeStream(StreamType type);

  /**
   * A stream attribute such as request.path or source.address, encoded as Envoy encodes it, or
   * null when unknown. Plugin-level attributes (plugin_name, ...) are answered by the host itself.
   */
  byte[] property(List<String> path);

  /** Stores a value written by proxy_set_property; false when the path cannot be set. */
  default boolean setProperty(List<String> path, byte[] value) {
    return false;
  }

  /**
   * The stream as the filter at {@code position} of its filter list sees it. A data plane running
   * several plugins on one stream answers with a view whose {@link #continueStream} releases what
   * that plugin paused, not another's (Envoy continues the filter that called it).
   */
  default HttpStreamHost forFilter(int position) {
    return this;
  }
}
