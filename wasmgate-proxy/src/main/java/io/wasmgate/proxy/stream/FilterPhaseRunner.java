package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.wasmgate.abi.Action;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.plugin.StreamFilter;
import java.util.List;

/**
 * Drives one direction of a stream through its filters: request callbacks run in chain order,
 * response callbacks in reverse. A PAUSE stops iteration at that filter until {@link
 * #resumeHeaders()} / {@link #resumeBody()}. A filter that pauses on a body callback buffers (Envoy's
 * StopIterationAndBuffer): later chunks still pass the filters before it, then it is called again
 * with everything held so far, until it continues or continueStream releases the held bytes.
 */
final class FilterPhaseRunner {
  enum Outcome {
    CONTINUE,
    PAUSE,
    STOP
  }

  /** Receives body bytes that passed every filter; takes ownership of {@code data}. */
  interface BodySink {
    void accept(ByteBuf data, boolean endOfStream);
  }

  private final List<StreamFilter> filters;
  private final int count;
  private final boolean request;
  private final CallbackGate gate;
  private final BodySink sink;
  private final ChunkBodyBuffer body = new ChunkBodyBuffer();
  private HeaderMap headers;
  private boolean inBodyCallback;
  private int headersPausedAt = -1;
  private boolean headersEos;
  private int headersReached = -1;
  /** Per filter position, the body it holds while paused on a body callback (lazily made). */
  private CompositeByteBuf[] held;
  private boolean[] heldEos;
  private int pausedBodies;

  /**
   * @param count how many filters take part: the first {@code count} of the chain (response
   *     direction visits them from the last to the first)
   */
  FilterPhaseRunner(
      List<StreamFilter> filters, int count, boolean request, CallbackGate gate, BodySink sink) {
    this.filters = filters;
    this.count = count;
    this.request = request;
    this.gate = gate;
    this.sink = sink;
  }

  private StreamFilter at(int position) {
    return filters.get(request ? position : count - 1 - position);
  }

  /** The body buffer while a body callback runs, else null. */
  BodyBuffer currentBody() {
    return inBodyCallback ? body : null;
  }

  /** The highest chain index whose headers callback ran, -1 when none. */
  int headersReachedIndex() {
    return request ? headersReached : count - 1 - headersReached;
  }

  boolean headersPaused() {
    return headersPausedAt >= 0;
  }

  boolean bodyPaused() {
    return pausedBodies > 0;
  }

  Outcome headers(HeaderMap map, boolean endOfStream) {
    headers = map;
    headersEos = endOfStream;
    return iterateHeaders(0);
  }

  Outcome resumeHeaders() {
    if (headersPausedAt < 0) {
      return Outcome.CONTINUE;
    }
    int next = headersPausedAt + 1;
    headersPausedAt = -1;
    return iterateHeaders(next);
  }

  private Outcome iterateHeaders(int from) {
    for (int k = from; k < count; k++) {
      StreamFilter f = at(k);
      headersReached = k;
      gate.enterCallback();
      Action a;
      try {
        a =
            request
                ? f.onRequestHeaders(headers.size(), headersEos)
                : f.onResponseHeaders(headers.size(), headersEos);
      } finally {
        gate.exitCallback();
      }
      if (gate.stopped()) {
        return Outcome.STOP;
      }
      if (a == Action.PAUSE && !gate.takeEarlyContinue(request)) {
        headersPausedAt = k;
        return Outcome.PAUSE;
      }
    }
    return Outcome.CONTINUE;
  }

  /** Passes a body chunk (ownership taken) through the filters, then to the sink. */
  Outcome body(ByteBuf data, boolean endOfStream) {
    return iterateBody(0, data, endOfStream);
  }

  /** continueStream after a body PAUSE: the first paused filter's held bytes go on. */
  Outcome resumeBody() {
    for (int k = 0; held != null && k < count; k++) {
      if (held[k] != null) {
        ByteBuf all = held[k];
        held[k] = null;
        pausedBodies--;
        return iterateBody(k + 1, all, heldEos[k]);
      }
    }
    return Outcome.CONTINUE;
  }

  private Outcome iterateBody(int from, ByteBuf data, boolean eos) {
    ByteBuf buf = data;
    for (int k = from; k < count; k++) {
      if (held != null && held[k] != null) {
        // This filter is buffering: it sees everything held so far plus the new bytes.
        held[k].addComponent(true, buf);
        heldEos[k] = eos;
        buf = held[k];
        held[k] = null;
        pausedBodies--;
      }
      StreamFilter f = at(k);
      body.set(buf);
      inBodyCallback = true;
      gate.enterCallback();
      Action a;
      try {
        int size = buf.readableBytes();
        a = request ? f.onRequestBody(size, eos) : f.onResponseBody(size, eos);
      } finally {
        gate.exitCallback();
        inBodyCallback = false;
        buf = body.take();
      }
      if (gate.stopped()) {
        buf.release();
        return Outcome.STOP;
      }
      if (a == Action.PAUSE && !gate.takeEarlyContinue(request)) {
        hold(k, buf, eos);
        return Outcome.PAUSE;
      }
    }
    sink.accept(buf, eos);
    return Outcome.CONTINUE;
  }

  private void hold(int position, ByteBuf buf, boolean eos) {
    if (held == null) {
      held = new CompositeByteBuf[count];
      heldEos = new boolean[count];
    }
    CompositeByteBuf c = buf instanceof CompositeByteBuf cb ? cb : Unpooled.compositeBuffer(Integer.MAX_VALUE).addComponent(true, buf);
    held[position] = c;
    heldEos[position] = eos;
    pausedBodies++;
  }

  /** Frees held body bytes (stream ended early). */
  void discard() {
    for (int k = 0; held != null && k < count; k++) {
      if (held[k] != null) {
        held[k].release();
        held[k] = null;
      }
    }
    pausedBodies = 0;
    headersPausedAt = -1;
  }
}
