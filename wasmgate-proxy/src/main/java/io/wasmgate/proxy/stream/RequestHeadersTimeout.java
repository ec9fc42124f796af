package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Envoy's request_headers_timeout: sits before the HTTP decoder, starts a timer at the first byte
 * of a request and fires {@link #EXPIRED} down the pipeline unless the stream reports the headers
 * complete in time. Bytes that arrive between requests' headers (bodies) do not arm it.
 */
public final class RequestHeadersTimeout extends ChannelInboundHandlerAdapter {
  /** The user event fired when a client was too slow with its headers. */
  public static final Object EXPIRED = new Object() {
    @Override
    public String toString() {
      return "RequestHeadersTimeout.EXPIRED";
    }
  };

  private final long millis;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private boolean awaitingHeaders = true;

  public RequestHeadersTimeout(long millis) {
    this.millis = millis;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (awaitingHeaders && timer == null && msg instanceof ByteBuf b && b.isReadable()) {
      timer = ctx.executor().schedule(this::expire, millis, TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  /** A request's headers were decoded: stop timing until the next request. */
  void headersReceived() {
    awaitingHeaders = false;
    cancel();
  }

  /** The previous stream finished; the next byte starts the clock again. */
  void awaitNextRequest() {
    awaitingHeaders = true;
  }

  private void expire() {
    timer = null;
    if (awaitingHeaders) {
      ctx.fireUserEventTriggered(EXPIRED);
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
