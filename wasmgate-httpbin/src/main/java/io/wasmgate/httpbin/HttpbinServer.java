package io.wasmgate.httpbin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An httpbin-compatible HTTP/1.1 backend for demos, tests and benchmarks.
 * {@code try (var httpbin = HttpbinServer.start("127.0.0.1", 0)) { ... httpbin.port() ... }}
 */
public final class HttpbinServer implements AutoCloseable {
  /** Request bodies larger than this are refused with 413 by the aggregator. */
  static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Channel channel;

  private HttpbinServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Listens on host:port (port 0 picks a free one) until {@link #close()}.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static HttpbinServer start(String host, int port) {
    return start(host, port, 0);
  }

  /** As {@link #start(String, int)} with a fixed number of event loops (0 = Netty's default). */
  static HttpbinServer start(String host, int port, int eventLoops) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory());
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(
                  new HttpServerCodec(),
                  new HttpServerKeepAliveHandler(),
                  new HttpObjectAggregator(MAX_REQUEST_BYTES),
                  new HttpbinHandler());
            }
          })
          .bind(host, port)
          .syncUninterruptibly()
          .channel();
      return new HttpbinServer(group, channel);
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      throw new UncheckedIOException("httpbin cannot listen on " + host + ":" + port + ": " + e.getMessage(), cause);
    }
  }

  /** The bound port (the ephemeral one when started with port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops listening, drops open connections and waits for the event loops to end. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
