package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Keeps one message's framing true to the body plugins let through. The head goes out with the
 * first body bytes: when a plugin changed the body by then, content-length becomes the real length
 * if the whole body is known, else it is dropped for chunked transfer. A change after the head went
 * out with a content-length cannot be fixed; {@link #fits} reports it.
 */
final class BodyFraming {
  private long declared = -1;
  private long passed;

  /**
   * Fixes the head before it is written.
   *
   * @param firstBytes size of the first body chunk through the filters
   * @param wholeBody the chunk is the whole body (end of stream, no trailers)
   * @param chunkedWhenUnsized set transfer-encoding: chunked when no content-length remains (the
   *     request side; the response side decides by the client's protocol)
   */
  void commit(
      HttpHeaders h, boolean bodyChanged, int firstBytes, boolean wholeBody, boolean chunkedWhenUnsized) {
    if (bodyChanged) {
      if (wholeBody) {
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, firstBytes);
      } else {
        h.remove(HttpHeaderNames.CONTENT_LENGTH);
      }
    }
    if (chunkedWhenUnsized && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
    declared = length == null ? -1 : Long.parseLong(length.trim());
  }

  /** Counts body bytes passed on; false when they break the content-length the head declared. */
  boolean fits(int bytes, boolean endOfStream) {
    passed += bytes;
    return declared < 0 || (passed <= declared && (!endOfStream || passed == declared));
  }
}
