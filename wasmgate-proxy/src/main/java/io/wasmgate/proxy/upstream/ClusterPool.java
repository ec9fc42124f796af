package io.wasmgate.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.NetUtil;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.HostPort;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's connections to one cluster. Lives on that worker's event loop only, so it needs no
 * locks: idle keep-alive connections are reused LIFO, new ones are opened round-robin over the
 * endpoints up to maxConnectionsPerWorker, and acquirers beyond the cap wait in FIFO order.
 */
public final class ClusterPool {
  private static final Logger log = LoggerFactory.getLogger(ClusterPool.class);

  private final ClusterConfig config;
  private final ClusterStats stats;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final SocketAddress[] addresses;
  private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private int open;
  private int nextEndpoint;

  /** @param channelClass the socket channel of {@code loop}'s transport */
  public ClusterPool(ClusterConfig config, ClusterStats stats, EventLoop loop, Class<? extends SocketChannel> channelClass) {
    this.config = config;
    this.stats = stats;
    this.loop = loop;
    List<HostPort> endpoints = config.endpoints();
    addresses = new SocketAddress[endpoints.size()];
    for (int i = 0; i < addresses.length; i++) {
      HostPort e = endpoints.get(i);
      // IP literals need no lookup; names are resolved at connect time.
      addresses[i] =
          NetUtil.isValidIpV4Address(e.host()) || NetUtil.isValidIpV6Address(e.host())
              ? new InetSocketAddress(e.host(), e.port())
              : e.toSocketAddress();
    }
    bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
  }

  public ClusterConfig config() {
    return config;
  }

  public ClusterStats stats() {
    return stats;
  }

  /** The worker loop this pool lives on. */
  public EventLoop loop() {
    return loop;
  }

  /** Gets a connection; returns a handle that cancels a wait (no-op once answered). */
  public Runnable acquire(AcquireCallback callback) {
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      if (c.channel().isActive()) {
        handOver(c, callback);
        return () -> {};
      }
    }
    if (addresses.length == 0) {
      stats.cxNoneHealthy.increment();
      callback.onFailure(AcquireFailure.NO_HEALTHY_UPSTREAM, null, null);
      return () -> {};
    }
    if (open < config.maxConnectionsPerWorker()) {
      connect(callback);
      return () -> {};
    }
    Waiter w = new Waiter(callback);
    waiters.addLast(w);
    return () -> waiters.remove(w);
  }

  private void connect(AcquireCallback callback) {
    int i = nextEndpoint;
    nextEndpoint = (i + 1) % addresses.length;
    HostPort endpoint = config.endpoints().get(i);
    UpstreamConnection connection = new UpstreamConnection(this, endpoint);
    open++;
    stats.cxTotal.increment();
    ChannelFuture f =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), connection);
                  }
                })
            .connect(addresses[i]);
    f.addListener(
        (ChannelFuture done) -> {
          if (done.isSuccess()) {
            stats.cxActive.incrementAndGet();
            handOver(connection, callback);
          } else {
            open--;
            stats.cxConnectFail.increment();
            if (done.cause() instanceof io.netty.channel.ConnectTimeoutException) {
              stats.cxConnectTimeout.increment();
            }
            callback.onFailure(AcquireFailure.CONNECT_FAILED, endpoint, done.cause());
            serveWaiter();
          }
        });
  }

  /**
   * Gives {@code c} to {@code callback}. A callback that throws is a bug, and would otherwise leave
   * its request waiting for the response timeout (or, thrown in a connect listener, be swallowed by
   * Netty): the connection, in an unknown state, is closed and the acquirer fails at once.
   */
  private void handOver(UpstreamConnection c, AcquireCallback callback) {
    try {
      callback.onConnection(c);
    } catch (RuntimeException e) {
      log.error("cluster {}: taking connection to {} failed; the request fails", config.name(), c.endpoint(), e);
      c.channel().close(); // an attached listener may hear of it too: requests end only once
      callback.onFailure(AcquireFailure.CONNECT_FAILED, c.endpoint(), e);
    }
  }

  void release(UpstreamConnection c, boolean reusable) {
    if (!reusable) {
      c.channel().close();
      return;
    }
    Waiter w = waiters.pollFirst();
    if (w != null) {
      handOver(c, w.callback);
    } else {
      idle.addFirst(c);
    }
  }

  /** A connection closed (idle or in use): frees its slot for a waiter. */
  void closed(UpstreamConnection c) {
    idle.remove(c);
    open--;
    stats.cxActive.decrementAndGet();
    serveWaiter();
  }

  private void serveWaiter() {
    if (!waiters.isEmpty() && open < config.maxConnectionsPerWorker()) {
      connect(waiters.pollFirst().callback);
    }
  }

  /** Closes every idle connection (shutdown). */
  public void closeIdle() {
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.channel().close();
    }
  }

  private record Waiter(AcquireCallback callback) {}
}
