package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.wasmgate.abi.Action;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.plugin.StreamFilter;
import java.util.List;

/**
 * Drives one direction of a stream (headers, body chunks, trailers) through its filters: request
 * callbacks in chain order, response callbacks in reverse.
 *
 * <ul>
 *   <li>PAUSE from a headers callback stops the headers at that filter until continueStream. Body
 *       and trailers still reach that filter (it can read the whole body before deciding) and are
 *       held there; its body answers do not release the headers, only continueStream does.
 *   <li>PAUSE from a body callback buffers (Envoy's StopIterationAndBuffer): later chunks still pass
 *       the filters before it, then it is called again with everything held so far, until it
 *       continues, continueStream releases the bytes, or its trailers callback continues.
 *   <li>When the message has trailers, the last body chunk goes with end_of_stream false and every
 *       filter's trailers callback follows, as Envoy does.
 *   <li>A message without trailers gets them when a filter adds one from its last body callback
 *       (Envoy's addDecodedTrailers/addEncodedTrailers): the filters after it see the body with
 *       end_of_stream false and then the trailers.
 * </ul>
 *
 * continueStream from a filter releases what that filter paused; from the stream itself (no filter
 * named) it releases the first paused point.
 */
final class FilterPhaseRunner {
  enum Outcome {
    CONTINUE,
    PAUSE,
    /** The stream has a local reply queued or was reset. */
    STOP,
    /** Held body bytes passed the buffer limit. */
    OVERFLOW
  }

  /** Receives what passed every filter; body bytes are handed over with ownership. */
  interface Sink {
    void headersDone();

    void body(ByteBuf data, boolean endOfStream);

    void trailers(HeaderMap trailers);
  }

  private final List<StreamFilter> filters;
  private final int count;
  private final boolean request;
  private final CallbackGate gate;
  private final Sink sink;
  private final int bufferLimit;
  private final ChunkBodyBuffer body = new ChunkBodyBuffer();
  private HeaderMap headers;
  private HeaderMap trailers;
  /** The trailers a filter may add while its body callback sees the end of a message without any. */
  private HeaderMap addable;
  private boolean inBodyCallback;
  private boolean inLastBodyCallback;
  private int headersPausedAt = -1;
  private boolean headersEos;
  private int headersReached = -1;
  private int trailersWaitAt = -1;
  /** Per filter position, the body it holds while paused (lazily made). */
  private CompositeByteBuf[] held;
  private boolean[] heldEos;
  private boolean bodyChanged;

  /**
   * @param count how many filters take part: the first {@code count} of the chain (response
   *     direction visits them from the last to the first)
   * @param bufferLimit most body bytes held at once before {@link Outcome#OVERFLOW}
   */
  FilterPhaseRunner(
      List<StreamFilter> filters,
      int count,
      boolean request,
      CallbackGate gate,
      Sink sink,
      int bufferLimit) {
    this.filters = filters;
    this.count = count;
    this.request = request;
    this.gate = gate;
    this.sink = sink;
    this.bufferLimit = bufferLimit;
  }

  private StreamFilter at(int position) {
    return filters.get(request ? position : count - 1 - position);
  }

  /** The body buffer while a body callback runs, else null. */
  BodyBuffer currentBody() {
    return inBodyCallback ? body : null;
  }

  /**
   * The trailers once they arrived; during the last body callback of a message without trailers,
   * an empty map whose entries become the message's trailers; else null.
   */
  HeaderMap trailers() {
    if (trailers == null && inLastBodyCallback) {
      if (addable == null) {
        addable = new TrailerHeaderMap(new DefaultHttpHeaders());
      }
      return addable;
    }
    return trailers;
  }

  /** True once a plugin changed body bytes in this direction. */
  boolean bodyChanged() {
    return bodyChanged;
  }

  /** The highest chain index whose headers callback ran, -1 when none. */
  int headersReachedIndex() {
    return request ? headersReached : count - 1 - headersReached;
  }

  boolean headersPaused() {
    return headersPausedAt >= 0;
  }

  Outcome headers(HeaderMap map, boolean endOfStream) {
    headers = map;
    headersEos = endOfStream;
    return iterateHeaders(0);
  }

  /** Passes a body chunk (ownership taken) through the filters, then to the sink. */
  Outcome body(ByteBuf data, boolean endOfStream) {
    if (!endOfStream && !data.isReadable()) {
      data.release(); // Envoy calls no body callback for an empty, non-final chunk
      return Outcome.CONTINUE;
    }
    return iterateBody(0, data, endOfStream);
  }

  /** The message's trailers: every filter's trailers callback, then the sink. */
  Outcome trailers(HeaderMap map) {
    trailers = map;
    return iterateTrailers(0);
  }

  /**
   * continueStream from the filter at {@code chainIndex} of the stream's filter list: releases its
   * paused headers, held body or waiting trailers; nothing when it holds nothing in this direction.
   */
  Outcome resume(int chainIndex) {
    int k = request ? chainIndex : count - 1 - chainIndex;
    if (k < 0 || k >= count) {
      return currentState(); // the filter takes no part in this direction
    }
    if (headersPausedAt == k) {
      headersPausedAt = -1;
      Outcome o = iterateHeaders(k + 1);
      return o == Outcome.STOP ? o : continueAfter(k);
    }
    if ((held != null && held[k] != null) || trailersWaitAt == k) {
      return continueAfter(k);
    }
    return currentState();
  }

  private Outcome currentState() {
    return headersPausedAt >= 0 || heldAnywhere() || trailersWaitAt >= 0 ? Outcome.PAUSE : Outcome.CONTINUE;
  }

  /** continueStream with no filter named: releases the first paused point (headers, held body or waiting trailers). */
  Outcome resume() {
    if (headersPausedAt >= 0) {
      int k = headersPausedAt;
      headersPausedAt = -1;
      Outcome o = iterateHeaders(k + 1);
      return o == Outcome.STOP ? o : continueAfter(k);
    }
    for (int k = 0; k < count; k++) {
      if ((held != null && held[k] != null) || trailersWaitAt == k) {
        return continueAfter(k);
      }
    }
    return Outcome.CONTINUE;
  }

  private Outcome iterateHeaders(int from) {
    for (int k = from; k < count; k++) {
      headersReached = k;
      gate.enterCallback();
      Action a;
      try {
        a =
            request
                ? at(k).onRequestHeaders(headers.size(), headersEos)
                : at(k).onResponseHeaders(headers.size(), headersEos);
      } finally {
        gate.exitCallback();
      }
      if (gate.stopped(request)) {
        return Outcome.STOP;
      }
      if (a == Action.PAUSE && !gate.takeEarlyContinue(request)) {
        headersPausedAt = k;
        return Outcome.PAUSE;
      }
    }
    sink.headersDone();
    return gate.stopped(request) ? Outcome.STOP : Outcome.CONTINUE;
  }

  /** Filter k continued: what it held goes on, then trailers that waited at it. */
  private Outcome continueAfter(int k) {
    if (held != null && held[k] != null) {
      ByteBuf all = held[k];
      held[k] = null;
      Outcome o = iterateBody(k + 1, all, heldEos[k]);
      if (o == Outcome.STOP || o == Outcome.OVERFLOW) {
        return o;
      }
    }
    if (trailersWaitAt == k) {
      trailersWaitAt = -1;
      return iterateTrailers(k + 1);
    }
    return headersPausedAt >= 0 || heldAnywhere() ? Outcome.PAUSE : Outcome.CONTINUE;
  }

  private Outcome iterateBody(int from, ByteBuf data, boolean eos) {
    ByteBuf buf = data;
    int trailersAddedAt = -1;
    for (int k = from; k < count; k++) {
      if (held != null && held[k] != null) {
        // This filter is buffering: it sees everything held so far plus the new bytes.
        held[k].addComponent(true, buf);
        buf = held[k];
        held[k] = null;
      }
      body.set(buf);
      inBodyCallback = true;
      inLastBodyCallback = eos && trailers == null;
      gate.enterCallback();
      Action a;
      try {
        int size = buf.readableBytes();
        a = request ? at(k).onRequestBody(size, eos) : at(k).onResponseBody(size, eos);
      } finally {
        gate.exitCallback();
        inBodyCallback = false;
        inLastBodyCallback = false;
        bodyChanged |= body.changed();
        buf = body.take();
      }
      if (gate.stopped(request)) {
        buf.release();
        return Outcome.STOP;
      }
      if (addable != null) {
        if (addable.size() > 0) { // the filter added trailers: the message no longer ends here
          trailers = addable;
          eos = false;
          trailersAddedAt = k;
        }
        addable = null;
      }
      boolean early = gate.takeEarlyContinue(request);
      if (k == headersPausedAt && early) {
        // continueStream from this body callback releases the headers, then the body goes on.
        headersPausedAt = -1;
        if (iterateHeaders(k + 1) == Outcome.STOP) {
          buf.release();
          return Outcome.STOP;
        }
      } else if (k == headersPausedAt || (a == Action.PAUSE && !early)) {
        if (trailersAddedAt == k) {
          trailersWaitAt = k; // they go on when this filter continues
          return hold(k, buf, false);
        }
        Outcome o = hold(k, buf, eos);
        return trailersAddedAt < 0 || o == Outcome.OVERFLOW ? o : iterateTrailers(trailersAddedAt + 1);
      }
    }
    sink.body(buf, eos);
    return trailersAddedAt < 0 ? Outcome.CONTINUE : iterateTrailers(trailersAddedAt + 1);
  }

  private Outcome iterateTrailers(int from) {
    for (int k = from; k < count; k++) {
      gate.enterCallback();
      Action a;
      try {
        a = request ? at(k).onRequestTrailers(trailers.size()) : at(k).onResponseTrailers(trailers.size());
      } finally {
        gate.exitCallback();
      }
      if (gate.stopped(request)) {
        return Outcome.STOP;
      }
      boolean early = gate.takeEarlyContinue(request);
      if (k == headersPausedAt || (a == Action.PAUSE && !early)) {
        trailersWaitAt = k;
        return Outcome.PAUSE;
      }
      if (held != null && held[k] != null) {
        ByteBuf all = held[k];
        held[k] = null;
        Outcome o = iterateBody(k + 1, all, false);
        if (o == Outcome.STOP || o == Outcome.OVERFLOW) {
          return o;
        }
      }
    }
    sink.trailers(trailers);
    return Outcome.CONTINUE;
  }

  private Outcome hold(int position, ByteBuf buf, boolean eos) {
    if (held == null) {
      held = new CompositeByteBuf[count];
      heldEos = new boolean[count];
    }
    CompositeByteBuf c =
        buf instanceof CompositeByteBuf cb
            ? cb
            : Unpooled.compositeBuffer(Integer.MAX_VALUE).addComponent(true, buf);
    held[position] = c;
    heldEos[position] = eos;
    return heldBytes() > bufferLimit ? Outcome.OVERFLOW : Outcome.PAUSE;
  }

  private long heldBytes() {
    long total = 0;
    for (int k = 0; k < count; k++) {
      total += held[k] == null ? 0 : held[k].readableBytes();
    }
    return total;
  }

  private boolean heldAnywhere() {
    for (int k = 0; held != null && k < count; k++) {
      if (held[k] != null) {
        return true;
      }
    }
    return false;
  }

  /** Frees held body bytes and forgets every pause (the stream ended early or answers locally). */
  void discard() {
    for (int k = 0; held != null && k < count; k++) {
      if (held[k] != null) {
        held[k].release();
        held[k] = null;
      }
    }
    headersPausedAt = -1;
    trailersWaitAt = -1;
  }
}
