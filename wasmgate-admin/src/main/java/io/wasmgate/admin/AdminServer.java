package io.wasmgate.admin;

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
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wasmgate.observability.LogLevels;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.PluginAdmin;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Envoy's admin interface on its own single-threaded Netty server (default 127.0.0.1:15000).
 * Endpoints: see {@code GET /help}. Build with {@link #builder()}, then {@link #start()}.
 */
public final class AdminServer implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final InetSocketAddress address;
  private final Map<String, AdminEndpoint> endpoints;
  private final HelpHandler help;
  private final ServerHealth health;
  private EventLoopGroup group;
  private ExecutorService worker;
  private Channel channel;

  private AdminServer(Builder b) {
    this.address = b.address;
    this.health = new ServerHealth(b.readiness);
    this.help = new HelpHandler();
    List<AdminEndpoint> all = new ArrayList<>(help.endpoints());
    all.addAll(new ServerHandlers(health, b.version, b.commandLineOptions, Instant.now(), b.onQuit).endpoints());
    all.addAll(new LoggingHandler(b.logLevels != null ? b.logLevels : new LogLevels()).endpoints());
    all.addAll(new StatsHandler(b.stats).endpoints());
    all.addAll(new ConfigDumpHandler(b.sections, b.plugins).endpoints());
    if (b.plugins != null) {
      all.addAll(new WasmPluginsHandler(b.plugins).endpoints());
    }
    help.describe(all);
    Map<String, AdminEndpoint> byPath = new LinkedHashMap<>();
    all.forEach(e -> byPath.put(e.path(), e));
    this.endpoints = Map.copyOf(byPath);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving; throws if the address is taken. */
  public synchronized AdminServer start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("admin server already started");
    }
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wasmgate-admin", true),
        NioIoHandler.newFactory());
    worker = Executors.newSingleThreadExecutor(new DefaultThreadFactory("wasmgate-admin-worker", true));
    AdminHttpHandler router = new AdminHttpHandler(endpoints, help, worker);
    try {
      channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                  .addLast(router);
            }
          })
          .bind(address).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The bound port (useful when built with port 0). */
  public int port() {
    if (channel == null) {
      throw new IllegalStateException("admin server not started");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The state /ready reports; the data plane may consult it to drain. */
  public ServerHealth health() {
    return health;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }

  /** Collaborators of the admin server; only {@link #stats(StatsStore)} is required. */
  public static final class Builder {
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 15000);
    private StatsStore stats;
    private LogLevels logLevels;
    private PluginAdmin plugins;
    private Supplier<ServerState> readiness = () -> ServerState.LIVE;
    private String version = "unknown";
    private Map<String, Object> commandLineOptions = Map.of();
    private Runnable onQuit = () -> {};
    private final List<ConfigDumpSection> sections = new ArrayList<>();

    private Builder() {}

    /** Where to listen; port 0 picks a free port (see {@link AdminServer#port()}). */
    public Builder address(String host, int port) {
      this.address = new InetSocketAddress(host, port);
      return this;
    }

    public Builder stats(StatsStore stats) {
      this.stats = stats;
      return this;
    }

    /** Defaults to a {@link LogLevels} over the SLF4J-bound Logback context. */
    public Builder logLevels(LogLevels logLevels) {
      this.logLevels = logLevels;
      return this;
    }

    /** Enables the wasmplugins endpoints and the plugins section of /config_dump. */
    public Builder plugins(PluginAdmin plugins) {
      this.plugins = plugins;
      return this;
    }

    /** The lifecycle state (PRE_INITIALIZING until listeners are up, DRAINING on shutdown). */
    public Builder readiness(Supplier<ServerState> readiness) {
      this.readiness = Objects.requireNonNull(readiness, "readiness");
      return this;
    }

    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Shown under command_line_options in /server_info; JSON-serializable values. */
    public Builder commandLineOptions(Map<String, ?> options) {
      this.commandLineOptions = new LinkedHashMap<>(options);
      return this;
    }

    /** Called on its own thread after POST /quitquitquit has been answered. */
    public Builder onQuit(Runnable onQuit) {
      this.onQuit = Objects.requireNonNull(onQuit, "onQuit");
      return this;
    }

    /** Adds a /config_dump section; sections appear in the order added, plugins last. */
    public Builder configDump(ConfigDumpSection section) {
      this.sections.add(Objects.requireNonNull(section, "section"));
      return this;
    }

    public AdminServer build() {
      Objects.requireNonNull(stats, "stats is required");
      return new AdminServer(this);
    }
  }
}
