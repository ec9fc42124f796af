package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * A downstream connection's two timers, Envoy's request_headers_timeout and idle_timeout. Sits
 * before the HTTP decoder to see raw bytes: the first byte of a request stops the idle clock and
 * starts the headers clock, the stream reports the headers complete, and the end of a stream starts
 * the idle clock again. Expiry fires {@link #HEADERS_EXPIRED} or {@link #IDLE} down the pipeline.
 * Both clocks are {@link ReusableTimeout}s: a busy keep-alive connection schedules no task per
 * request. Bytes that arrive between requests' headers (bodies) do not start the headers clock.
 */
public final class DownstreamTimeouts extends ChannelInboundHandlerAdapter {
  /** The user event fired when a client was too slow with its headers. */
  public static final Object HEADERS_EXPIRED = named("DownstreamTimeouts.HEADERS_EXPIRED");
  /** The user event fired when a connection had no request for the idle timeout. */
  public static final Object IDLE = named("DownstreamTimeouts.IDLE");

  private final long headersNanos;
  private final long idleNanos;
  private ReusableTimeout headers;
  private ReusableTimeout idle;
  private boolean awaitingHeaders = true;
  private boolean headersClockRunning;

  public DownstreamTimeouts(long headersMillis, long idleMillis) {
    this.headersNanos = TimeUnit.MILLISECONDS.toNanos(headersMillis);
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    headers = new ReusableTimeout(ctx.executor(), () -> expire(ctx, HEADERS_EXPIRED));
    idle = new ReusableTimeout(ctx.executor(), () -> ctx.fireUserEventTriggered(IDLE));
    if (ctx.channel().isActive()) {
      idle.arm(idleNanos);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    idle.arm(idleNanos);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (awaitingHeaders && !headersClockRunning && msg instanceof ByteBuf b && b.isReadable()) {
      headersClockRunning = true;
      idle.disarm();
      headers.arm(headersNanos);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    headers.cancel();
    idle.cancel();
    ctx.fireChannelInactive();
  }

  /** A request's headers were decoded: no clock runs until the stream ends. */
  void headersReceived() {
    awaitingHeaders = false;
    headersClockRunning = false;
    headers.disarm();
    idle.disarm();
  }

  /** The previous stream finished: idle until the next byte, which starts the headers clock. */
  void awaitNextRequest() {
    awaitingHeaders = true;
    idle.arm(idleNanos);
  }

  private void expire(ChannelHandlerContext ctx, Object event) {
    headersClockRunning = false;
    if (awaitingHeaders) {
      ctx.fireUserEventTriggered(event);
    }
  }

  private static Object named(String name) {
    return new Object() {
      @Override
      public String toString() {
        return name;
      }
    };
  }
}
