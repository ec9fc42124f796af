package io.wasmgate.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.ListenerConfig;
import io.wasmgate.proxy.route.RouteTable;
import io.wasmgate.proxy.stream.DownstreamHandler;
import io.wasmgate.proxy.upstream.ClusterStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: one event loop per worker ({@link Transport}: epoll on Linux, else NIO), every
 * listener served by all workers, upstream connections made on the loop of the downstream
 * connection they serve.
 *
 * <pre>
 * GatewayServer server = new GatewayServer(config, chains, stats, accessLog).start();
 * server.boundAddress("http-8080");  // the real port, also when the config said 0
 * server.close();                     // stop accepting, drain in-flight requests, stop workers
 * </pre>
 */
public final class GatewayServer implements AutoCloseable {
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final GatewayConfig config;
  private final FilterChainSource chains;
  private final StatsStore stats;
  private final AccessLog accessLog;
  private final ProxyStats proxyStats;
  private final ClusterHttpCalls httpCalls;
  private final ClusterGrpcCalls grpcCalls;
  private final int workerCount;
  private final Transport transport;
  private final Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
  private final List<Channel> serverChannels = new ArrayList<>();
  private EventLoopGroup acceptors;
  private EventLoopGroup workerGroup;
  private ChannelGroup connections;
  private Workers workers;

  public GatewayServer(GatewayConfig config, FilterChainSource chains, StatsStore stats, AccessLog accessLog) {
    this(config, chains, stats, accessLog, Transport.select());
  }

  /** As above, on the given transport rather than the one {@link Transport#select()} picks. */
  public GatewayServer(
      GatewayConfig config, FilterChainSource chains, StatsStore stats, AccessLog accessLog, Transport transport) {
    this.config = config;
    this.transport = transport;
    this.chains = chains;
    this.stats = stats;
    this.accessLog = accessLog;
    this.proxyStats = new ProxyStats(stats);
    this.workerCount = config.effectiveWorkers();
    this.httpCalls = new ClusterHttpCalls(config);
    this.grpcCalls = new ClusterGrpcCalls(config);
    // The worker loops exist before start(): plugin VMs are built per worker (timers, queue
    // notifications and callouts run on their worker's loop) before the listeners open.
    workerGroup =
        new MultiThreadIoEventLoopGroup(
            workerCount, new DefaultThreadFactory("wasmgate-worker"), transport.ioHandlerFactory());
    List<ClusterConfig> clusters = config.clusters();
    ClusterStats[] clusterStats = new ClusterStats[clusters.size()];
    for (int i = 0; i < clusterStats.length; i++) {
      clusterStats[i] = new ClusterStats(stats, clusters.get(i).name());
    }
    workers = new Workers(workerGroup, transport, clusters, clusterStats);
    stats.gauge("server.transport.epoll").set(transport == Transport.EPOLL ? 1 : 0);
    httpCalls.bind(workers);
    grpcCalls.bind(workers);
  }

  /** The workers' event loops in worker order: worker w's plugin VMs must only run on loop w. */
  public List<ScheduledExecutorService> workerExecutors() {
    List<ScheduledExecutorService> loops = new ArrayList<>();
    for (Worker w : workers.all()) {
      loops.add(w.loop());
    }
    return loops;
  }

  /**
   * Plugin HTTP callouts (proxy_http_call) to this gateway's clusters, for the plugins' {@link
   * io.wasmgate.host.HostServices#httpCalls()}. Usable before {@link #start()}: calls made before
   * the workers run, or off a worker thread, are refused.
   */
  public HttpCallDispatcher httpCalls() {
    return httpCalls;
  }

  /**
   * Plugin gRPC callouts (proxy_grpc_call, proxy_grpc_stream) over HTTP/2 to this gateway's
   * clusters, for the plugins' {@link io.wasmgate.host.HostServices#grpcCalls()}; same rules as
   * {@link #httpCalls()}.
   */
  public GrpcCallDispatcher grpcCalls() {
    return grpcCalls;
  }

  /** The socket transport of every listener, worker loop and upstream connection. */
  public Transport transport() {
    return transport;
  }

  /** The worker count: the plugin layer must create this many VM slots (worker 0..n-1). */
  public int workers() {
    return workerCount;
  }

  /** Binds every listener; on failure nothing stays bound. */
  public synchronized GatewayServer start() throws IOException {
    if (acceptors != null || workerGroup == null) {
      throw new IllegalStateException(workerGroup == null ? "closed" : "already started");
    }
    acceptors =
        new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wasmgate-accept"), transport.ioHandlerFactory());
    connections = new DefaultChannelGroup("downstream", GlobalEventExecutor.INSTANCE);
    try {
      for (ListenerConfig l : config.listeners()) {
        bind(l);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    if (transport == Transport.NIO && Transport.epollUnavailabilityCause() != null) {
      log.info("data plane transport: nio ({} workers; epoll unavailable: {})", workerCount,
          Transport.epollUnavailabilityCause().toString());
    } else {
      log.info("data plane transport: {} ({} workers)", transport.displayName(), workerCount);
    }
    return this;
  }

  private void bind(ListenerConfig l) throws IOException {
    ListenerHolder holder = new ListenerHolder();
    ServerBootstrap b =
        new ServerBootstrap()
            .group(acceptors, workerGroup)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            // Accept nothing until the listener knows its bound port.
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(holder);
    InetSocketAddress address = new InetSocketAddress(l.address().host(), l.address().port());
    ChannelFuture bind = b.bind(address).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      Throwable e = bind.cause();
      throw new IOException("listener " + l.name() + ": cannot bind " + l.address() + ": " + e.getMessage(), e);
    }
    Channel ch = bind.channel();
    InetSocketAddress actual = (InetSocketAddress) ch.localAddress();
    ListenerContext ctx =
        new ListenerContext(
            l.name(), actual.getPort(), new RouteTable(l, config.clusters()), chains, proxyStats, accessLog, config.limits());
    holder.initializer = new DownstreamInitializer(ctx, workers);
    serverChannels.add(ch);
    bound.put(l.name(), actual);
    ch.config().setAutoRead(true);
  }

  /** Bound addresses by listener name, in config order. */
  public synchronized Map<String, InetSocketAddress> boundAddresses() {
    return Map.copyOf(bound);
  }

  public synchronized InetSocketAddress boundAddress(String listenerName) {
    return bound.get(listenerName);
  }

  /** Stops accepting, lets in-flight requests finish (up to {@link #DRAIN_TIMEOUT}), then stops. */
  @Override
  public synchronized void close() {
    if (workerGroup == null) {
      return;
    }
    for (Channel ch : serverChannels) {
      ch.close().syncUninterruptibly();
    }
    serverChannels.clear();
    if (connections != null) {
      for (Channel ch : connections) {
        ch.pipeline().fireUserEventTriggered(DownstreamHandler.DRAIN);
      }
      connections.newCloseFuture().awaitUninterruptibly(DRAIN_TIMEOUT.toMillis());
      connections.close().awaitUninterruptibly();
    }
    for (Worker w : workers.all()) {
      w.loop().execute(w::closeIdleUpstreams);
    }
    if (acceptors != null) {
      acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    httpCalls.bind(null);
    grpcCalls.bind(null);
    workerGroup = null;
    bound.clear();
  }

  /** Defers to the listener's initializer once the listener is bound; tracks every connection. */
  private final class ListenerHolder extends ChannelInitializer<SocketChannel> {
    private volatile DownstreamInitializer initializer;

    @Override
    protected void initChannel(SocketChannel ch) {
      connections.add(ch);
      ch.pipeline().addLast(initializer);
    }
  }
}
