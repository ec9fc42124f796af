package io.wasmgate.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.HostPort;
import java.net.ConnectException;
import java.util.function.BiConsumer;

/**
 * One worker's HTTP/2 connection to one cluster (cleartext, prior knowledge: gRPC callouts), on
 * that worker's loop only. Streams are multiplexed over it; it is opened on first use, round-robin
 * over the endpoints, and replaced once it closes or the server sends GOAWAY.
 */
public final class Http2Upstream {
  private final ClusterConfig config;
  private final Bootstrap bootstrap;
  private int nextEndpoint;
  private ChannelFuture connection;
  private boolean goingAway;

  /** @param channelClass the socket channel of {@code loop}'s transport */
  public Http2Upstream(ClusterConfig config, EventLoop loop, Class<? extends SocketChannel> channelClass) {
    this.config = config;
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forClient().build(),
                            // The server opens no streams (push is off): nothing to accept.
                            new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                            new GoAwayWatcher());
                  }
                });
  }

  /**
   * Opens a stream whose pipeline is {@code handler}; {@code done} gets the stream or the reason
   * none could be opened, on the loop, possibly before this method returns.
   */
  public void openStream(ChannelHandler handler, BiConsumer<Http2StreamChannel, Throwable> done) {
    if (config.endpoints().isEmpty()) {
      done.accept(null, new ConnectException("cluster " + config.name() + " has no endpoints"));
      return;
    }
    if (connection == null || goingAway || (connection.isDone() && !connection.channel().isActive())) {
      connect();
    }
    connection.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            done.accept(null, f.cause());
            return;
          }
          new Http2StreamChannelBootstrap(f.channel())
              .handler(handler)
              .open()
              .addListener(
                  s -> {
                    if (s.isSuccess()) {
                      done.accept((Http2StreamChannel) s.getNow(), null);
                    } else {
                      done.accept(null, s.cause());
                    }
                  });
        });
  }

  /** A new connection; streams still on a previous, going-away one finish there. */
  private void connect() {
    int i = nextEndpoint;
    nextEndpoint = (i + 1) % config.endpoints().size();
    HostPort endpoint = config.endpoints().get(i);
    goingAway = false;
    connection = bootstrap.connect(endpoint.host(), endpoint.port());
  }

  /** Closes the connection (shutdown); open streams end with it. */
  public void close() {
    if (connection != null) {
      connection.channel().close();
      connection = null;
    }
  }

  /** A GOAWAY means no new streams on this connection: the next stream opens a new one. */
  private final class GoAwayWatcher extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2GoAwayFrame) {
        if (connection != null && connection.channel() == ctx.channel()) {
          goingAway = true;
        }
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // the streams on it fail with it
    }
  }
}
