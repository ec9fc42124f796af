package io.wasmgate.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.wasmgate.proxy.config.HostPort;
import java.net.InetSocketAddress;

/**
 * The last handler of an upstream connection's pipeline: hands every decoded response object to the
 * stream that currently holds the connection. An idle pooled connection has no listener; anything it
 * receives then is unexpected and closes it.
 */
public final class UpstreamConnection extends ChannelInboundHandlerAdapter {
  private final ClusterPool pool;
  private final HostPort endpoint;
  private Channel channel;
  private UpstreamListener listener;
  private String remoteAddress;
  private String localAddress;

  UpstreamConnection(ClusterPool pool, HostPort endpoint) {
    this.pool = pool;
    this.endpoint = endpoint;
  }

  public Channel channel() {
    return channel;
  }

  public HostPort endpoint() {
    return endpoint;
  }

  /** "ip:port" of the peer as connected, for the access log (worked out once per connection). */
  public String remoteAddress() {
    if (remoteAddress == null) {
      remoteAddress =
          channel.remoteAddress() instanceof InetSocketAddress a
              ? a.getAddress().getHostAddress() + ":" + a.getPort()
              : endpoint.toString();
    }
    return remoteAddress;
  }

  public String localAddress() {
    if (localAddress == null && channel.localAddress() instanceof InetSocketAddress a) {
      localAddress = a.getAddress().getHostAddress() + ":" + a.getPort();
    }
    return localAddress;
  }

  public void attach(UpstreamListener l) {
    this.listener = l;
  }

  /**
   * Gives the connection back: kept for reuse when {@code reusable}, closed otherwise. The caller must
   * not touch it afterwards.
   */
  public void release(boolean reusable) {
    listener = null;
    pool.release(this, reusable && channel.isActive());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (listener != null && msg instanceof HttpObject o) {
      listener.onUpstreamObject(o);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamWritabilityChanged(ctx.channel().isWritable());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    UpstreamListener l = listener;
    listener = null;
    pool.closed(this);
    if (l != null) {
      l.onUpstreamClosed(null);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    UpstreamListener l = listener;
    listener = null;
    ctx.close();
    if (l != null) {
      l.onUpstreamClosed(cause);
    }
  }
}
