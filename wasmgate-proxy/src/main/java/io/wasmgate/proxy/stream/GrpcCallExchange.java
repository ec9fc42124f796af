package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.proxy.upstream.Http2Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One plugin gRPC callout: an HTTP/2 stream on a worker's connection to a cluster, on that worker's
 * loop. Messages sent before the stream is open wait for it. Listener events come from the
 * connection's reads, or (failures, timeouts) from tasks of their own: never from inside a method
 * the plugin called. A failure closes with the status Envoy's gRPC client would report.
 */
public final class GrpcCallExchange extends ChannelInboundHandlerAdapter
    implements GrpcCallDispatcher.Stream {
  static final int UNKNOWN = 2;
  static final int DEADLINE_EXCEEDED = 4;
  static final int INTERNAL = 13;
  static final int UNAVAILABLE = 14;

  private final EventLoop loop;
  private final GrpcCallDispatcher.Request request;
  private final GrpcCallDispatcher.Listener listener;
  private final GrpcMessageReader reader = new GrpcMessageReader();
  private final List<Http2DataFrame> pending = new ArrayList<>();
  private Http2StreamChannel stream;
  private ScheduledFuture<?> timeout;
  private long deadlineNanos = Long.MAX_VALUE;
  private boolean headersReceived;
  private boolean localEnded;
  /** No more events for the listener: closed, failed or cancelled. */
  private boolean done;

  private GrpcCallExchange(
      EventLoop loop, GrpcCallDispatcher.Request request, GrpcCallDispatcher.Listener listener) {
    this.loop = loop;
    this.request = request;
    this.listener = listener;
  }

  /** Opens the callout on {@code upstream}, whose loop is the caller's. */
  public static GrpcCallExchange open(
      Http2Upstream upstream,
      EventLoop loop,
      GrpcCallDispatcher.Request request,
      GrpcCallDispatcher.Listener listener) {
    GrpcCallExchange exchange = new GrpcCallExchange(loop, request, listener);
    if (request.timeout() != null) {
      exchange.deadlineNanos = System.nanoTime() + request.timeout().toNanos();
      exchange.timeout =
          loop.schedule(
              () -> exchange.fail(DEADLINE_EXCEEDED, LocalReplies.TIMEOUT_BODY),
              request.timeout().toMillis(),
              TimeUnit.MILLISECONDS);
    }
    upstream.openStream(exchange, exchange::opened);
    return exchange;
  }

  private void opened(Http2StreamChannel channel, Throwable failure) {
    if (channel == null) {
      fail(UNAVAILABLE, LocalReplies.CONNECT_FAILURE_BODY);
      return;
    }
    if (done) {
      channel.close();
      return;
    }
    stream = channel;
    channel.write(new DefaultHttp2HeadersFrame(GrpcHeaders.request(request), false));
    for (Http2DataFrame frame : pending) {
      channel.write(frame);
    }
    pending.clear();
    channel.flush();
  }

  @Override
  public void send(byte[] message, boolean endOfStream) {
    if (done || localEnded) {
      return;
    }
    localEnded = endOfStream;
    write(new DefaultHttp2DataFrame(GrpcMessageReader.frame(message), endOfStream));
  }

  @Override
  public void close() {
    if (!done && !localEnded) {
      localEnded = true;
      write(new DefaultHttp2DataFrame(true));
    }
  }

  @Override
  public void cancel() {
    if (!done) {
      done = true;
      release();
    }
  }

  private void write(Http2DataFrame frame) {
    if (stream == null) {
      pending.add(frame);
    } else {
      stream.writeAndFlush(frame);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (done) {
        return;
      }
      if (msg instanceof Http2HeadersFrame h) {
        onHeaders(h.headers(), h.isEndStream());
      } else if (msg instanceof Http2DataFrame d) {
        onData(d.content(), d.isEndStream());
      } else if (msg instanceof Http2ResetFrame) {
        reset();
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Envoy's reading of response headers, including trailers-only responses and HTTP errors. */
  private void onHeaders(Http2Headers headers, boolean endStream) {
    if (headersReceived) {
      trailers(headers);
      return;
    }
    headersReceived = true;
    listener.onInitialMetadata(endStream ? List.of() : GrpcHeaders.entries(headers));
    if (done) {
      return; // the plugin cancelled from its callback
    }
    Integer grpcStatus = GrpcHeaders.grpcStatus(headers);
    CharSequence status = headers.status();
    if (status == null || !"200".contentEquals(status)) {
      if (endStream && grpcStatus != null) {
        trailers(headers);
      } else {
        fail(GrpcHeaders.fromHttpStatus(status), "");
      }
    } else if (endStream) {
      trailers(headers);
    }
  }

  private void onData(ByteBuf content, boolean endStream) {
    List<byte[]> messages;
    try {
      messages = reader.read(content);
    } catch (IllegalArgumentException malformed) {
      fail(INTERNAL, malformed.getMessage());
      return;
    }
    for (byte[] message : messages) {
      if (done) {
        return; // the plugin cancelled from its callback
      }
      listener.onMessage(message);
    }
    if (endStream) {
      fail(UNKNOWN, ""); // the stream ended without trailers
    }
  }

  private void trailers(Http2Headers trailers) {
    if (done) {
      return;
    }
    listener.onTrailingMetadata(GrpcHeaders.entries(trailers));
    if (done) {
      return;
    }
    Integer status = GrpcHeaders.grpcStatus(trailers);
    end(status == null ? UNKNOWN : status, GrpcHeaders.grpcMessage(trailers));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reset();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    reset();
  }

  /**
   * The stream was reset or its connection lost: UNAVAILABLE before any answer, INTERNAL after,
   * as Envoy reports them; a server that resets because the grpc-timeout we sent ran out (it may
   * beat our own timer) ends it with DEADLINE_EXCEEDED.
   */
  private void reset() {
    if (System.nanoTime() >= deadlineNanos) {
      fail(DEADLINE_EXCEEDED, LocalReplies.TIMEOUT_BODY);
    } else {
      fail(headersReceived ? INTERNAL : UNAVAILABLE, LocalReplies.TERMINATION_BODY);
    }
  }

  /** The stream's regular end: closes the listener now (we are in a read). */
  private void end(int status, String message) {
    done = true;
    release();
    listener.onClose(status, message);
  }

  /** A failure: resets the stream and tells the listener in a task of its own. */
  private void fail(int status, String message) {
    if (done) {
      return;
    }
    done = true;
    release();
    loop.execute(() -> listener.onClose(status, message));
  }

  private void release() {
    if (timeout != null) {
      timeout.cancel(false);
    }
    for (Http2DataFrame frame : pending) {
      frame.release();
    }
    pending.clear();
    reader.release();
    if (stream != null && stream.isActive()) {
      stream.close(); // resets the stream unless both sides already ended it
    }
  }
}
