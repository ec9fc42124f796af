package io.wasmgate.proxy.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.wasmgate.observability.AccessLogEntry;
import io.wasmgate.proxy.ListenerContext;
import io.wasmgate.proxy.Worker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One downstream HTTP/1.1 connection: runs its requests one at a time as {@link ProxyStream}s
 * (pipelined requests wait in order), answers requests the codec rejected (400, 431) or that were
 * too slow (408), closes idle connections, and relays writability both ways.
 */
public final class DownstreamHandler extends ChannelInboundHandlerAdapter {
  /** User event asking the connection to close once its current stream (if any) is done. */
  public static final Object DRAIN = new Object();

  private static final Logger log = LoggerFactory.getLogger(DownstreamHandler.class);
  private static final AtomicLong CONNECTION_IDS = new AtomicLong();

  private final ListenerContext listener;
  private final Worker worker;
  private final DownstreamTimeouts timeouts;
  private final long connectionId = CONNECTION_IDS.incrementAndGet();
  private final ArrayDeque<HttpObject> queued = new ArrayDeque<>(2);
  private ChannelHandlerContext ctx;
  /** The stream whose response is in progress. */
  private ProxyStream stream;
  /** The stream whose request body is still arriving (it may have answered already). */
  private ProxyStream receiving;
  private boolean closing;
  private boolean draining;
  private boolean dispatching;
  /** What this handler last set autoRead to (a no-op change still costs an atomic swap). */
  private boolean reading = true;
  /** The current stream's upstream response timeout, re-armed by every stream of the connection. */
  private ReusableTimeout responseTimeout;
  private String remoteIp;
  private int remotePort;
  private String localIp;
  private int localPort;
  private String remoteAddress;
  private String localAddress;

  public DownstreamHandler(ListenerContext listener, Worker worker, DownstreamTimeouts timeouts) {
    this.listener = listener;
    this.worker = worker;
    this.timeouts = timeouts;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    responseTimeout = new ReusableTimeout(ctx.executor(), this::responseTimedOut);
    if (ctx.channel().isActive()) {
      connectionStarted(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connectionStarted(ctx);
    ctx.fireChannelActive();
  }

  private void connectionStarted(ChannelHandlerContext ctx) {
    listener.stats().cxTotal.increment();
    listener.stats().cxActive.incrementAndGet();
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      remoteIp = remote.getAddress().getHostAddress();
      remotePort = remote.getPort();
    } else {
      remoteIp = String.valueOf(ctx.channel().remoteAddress());
    }
    if (ctx.channel().localAddress() instanceof InetSocketAddress local) {
      localIp = local.getAddress().getHostAddress();
      localPort = local.getPort();
    } else {
      localIp = String.valueOf(ctx.channel().localAddress());
    }
    remoteAddress = remoteIp + ":" + remotePort;
    localAddress = localIp + ":" + localPort;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    listener.stats().cxActive.decrementAndGet();
    closing = true;
    responseTimeout.cancel();
    if (stream != null) {
      stream.downstreamClosed();
    }
    queued.forEach(ReferenceCountUtil::release);
    queued.clear();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpObject o) || closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (dispatching || !queued.isEmpty() || (o instanceof HttpRequest && stream != null)) {
      // A pipelined request: it waits until the current response is complete.
      queued.addLast(o);
      setReading(false);
      return;
    }
    dispatch(o);
  }

  private void dispatch(HttpObject o) {
    dispatching = true;
    try {
      if (o instanceof HttpRequest req) {
        startStream(req);
      } else if (receiving != null) {
        // Goes to the stream whose request this is, even when it already answered (it drops it).
        if (o instanceof LastHttpContent) {
          ProxyStream s = receiving;
          receiving = null;
          s.requestContent((HttpContent) o);
        } else {
          receiving.requestContent((HttpContent) o);
        }
      } else {
        ReferenceCountUtil.release(o);
      }
    } finally {
      dispatching = false;
    }
  }

  private void startStream(HttpRequest req) {
    DecoderResult result = req.decoderResult();
    if (result.isFailure()) {
      ReferenceCountUtil.release(req);
      boolean tooLong = result.cause() instanceof TooLongFrameException;
      reject(
          tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
          tooLong ? "http1.headers_too_large" : "http1.codec_error",
          "DPE");
      listener.stats().cxProtocolError.increment();
      return;
    }
    timeouts.headersReceived();
    ProxyStream s = new ProxyStream(this, listener, worker, req);
    stream = s;
    receiving = s;
    s.start();
  }

  /** Called by the stream once its response is complete or it was reset. */
  void streamFinished(ProxyStream finished, boolean close) {
    if (stream == finished) {
      stream = null;
    }
    if (close || draining) {
      closeAfterWrites();
      return;
    }
    timeouts.awaitNextRequest();
    setReading(true);
    if (!queued.isEmpty()) {
      // Not from here: the finished stream may still be on the stack.
      ctx.executor().execute(this::drainQueue);
    }
  }

  private void drainQueue() {
    while (!closing && !queued.isEmpty() && !dispatching) {
      if (queued.peekFirst() instanceof HttpRequest && stream != null) {
        return;
      }
      dispatch(queued.pollFirst());
    }
  }

  private void closeAfterWrites() {
    if (!closing) {
      closing = true;
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void reject(HttpResponseStatus status, String details, String flags) {
    listener.stats().rqTotal.increment();
    listener.stats().countResponse(status.code());
    byte[] body = status.reasonPhrase().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    closing = true;
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    listener.accessLog().log(new AccessLogEntry(
        Instant.now(), null, null, null, status.code(), flags, details, null, 0, body.length, 0, -1,
        null, null, null, null, null, null, null, localAddress(), remoteAddress(), null, null, null));
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (stream != null) {
      stream.flushUpstream();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (stream != null) {
      stream.downstreamWritabilityChanged(ctx.channel().isWritable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == DownstreamTimeouts.HEADERS_EXPIRED) {
      if (stream == null && !closing) {
        listener.stats().rqHeaderTimeout.increment();
        reject(HttpResponseStatus.REQUEST_TIMEOUT, "request_header_timeout", "-");
      }
    } else if (evt == DownstreamTimeouts.IDLE) {
      if (stream == null && queued.isEmpty() && !closing) {
        listener.stats().rqIdleTimeout.increment();
        closing = true;
        ctx.close();
      }
    } else if (evt == DRAIN) {
      draining = true;
      if (stream == null && queued.isEmpty()) {
        closeAfterWrites();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      log.debug("downstream connection {} failed", remoteAddress(), cause);
    } else {
      log.warn("downstream connection {} failed", remoteAddress(), cause);
    }
    if (stream != null) {
      stream.reset("DC", "downstream_connection_error");
    }
    closing = true;
    ctx.close();
  }

  // ---- what streams use ----

  // Response writes take no promise: a failed write closes the connection through exceptionCaught.
  void write(Object msg) {
    ctx.write(msg, ctx.voidPromise());
  }

  void writeAndFlush(Object msg) {
    ctx.writeAndFlush(msg, ctx.voidPromise());
  }

  void flush() {
    ctx.flush();
  }

  void setReading(boolean read) {
    if (!closing && read != reading) {
      reading = read;
      ctx.channel().config().setAutoRead(read);
    }
  }

  /** Starts the upstream response timeout of the current stream (armed once its request is sent). */
  void armResponseTimeout(long millis) {
    responseTimeout.arm(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis));
  }

  void disarmResponseTimeout() {
    responseTimeout.disarm();
  }

  private void responseTimedOut() {
    if (stream != null) {
      stream.responseTimedOut();
    }
  }

  boolean draining() {
    return draining;
  }

  EventExecutor executor() {
    return ctx.executor();
  }

  String remoteIp() {
    return remoteIp;
  }

  int remotePort() {
    return remotePort;
  }

  String localIp() {
    return localIp;
  }

  int localPort() {
    return localPort;
  }

  long connectionId() {
    return connectionId;
  }

  String remoteAddress() {
    return remoteAddress;
  }

  String localAddress() {
    return localAddress;
  }
}
