package io.wasmgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's pool over real sockets: an acquirer whose connection callback throws (a bug) fails at
 * once, so its stream answers 503 instead of waiting for the response timeout, and the connection
 * it could not take is closed.
 */
class ClusterPoolTest {
  private static final long WAIT_SECONDS = 10;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoop loop = group.next();
  private ServerSocket server;
  private ClusterPool pool;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ClusterConfig config =
        new ClusterConfig(
            "held",
            List.of(new HostPort("127.0.0.1", server.getLocalPort())),
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            1);
    pool = new ClusterPool(config, new ClusterStats(new StatsStore(), "held"), loop, NioSocketChannel.class);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
  }

  @Test
  void aThrowingCallbackOnANewConnectionFailsAtOnceAndTheConnectionCloses() throws Exception {
    Acquirer throwing = new Acquirer(true);
    loop.execute(() -> pool.acquire(throwing));

    try (Socket accepted = accept()) {
      Failure failure = throwing.failure.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(failure.reason()).isEqualTo(AcquireFailure.CONNECT_FAILED);
      assertThat(failure.endpoint().port()).isEqualTo(server.getLocalPort());
      assertThat(failure.cause()).hasMessage("bug in the acquirer");
      assertThat(readsEndOfStream(accepted)).isTrue();
    }
  }

  @Test
  void aThrowingWaiterFailsAtOnceAndItsSlotServesTheNextAcquirer() throws Exception {
    Acquirer holder = new Acquirer(false);
    Acquirer throwing = new Acquirer(true);
    loop.execute(() -> pool.acquire(holder));
    UpstreamConnection held = holder.connection.get(WAIT_SECONDS, TimeUnit.SECONDS);
    try (Socket first = accept()) {
      // One connection per worker: the second acquirer waits, and gets it on release.
      loop.submit(() -> pool.acquire(throwing)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      loop.submit(() -> held.release(true)).get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertThat(throwing.failure.get(WAIT_SECONDS, TimeUnit.SECONDS).reason())
          .isEqualTo(AcquireFailure.CONNECT_FAILED);
      assertThat(readsEndOfStream(first)).isTrue();
    }
    // The closed connection's slot is free again: a new acquirer gets a new connection.
    Acquirer next = new Acquirer(false);
    loop.execute(() -> pool.acquire(next));
    try (Socket second = accept()) {
      assertThat(next.connection.get(WAIT_SECONDS, TimeUnit.SECONDS).channel().isActive()).isTrue();
    }
  }

  private Socket accept() throws IOException {
    server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    Socket accepted = server.accept();
    accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    return accepted;
  }

  /** True when the peer closed without sending anything (a read timeout throws instead). */
  private static boolean readsEndOfStream(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return in.read() == -1;
  }

  private record Failure(AcquireFailure reason, HostPort endpoint, Throwable cause) {}

  /** Records what the pool answers; when {@code throwing}, its connection callback throws. */
  private static final class Acquirer implements AcquireCallback {
    final CompletableFuture<UpstreamConnection> connection = new CompletableFuture<>();
    final CompletableFuture<Failure> failure = new CompletableFuture<>();
    private final boolean throwing;

    Acquirer(boolean throwing) {
      this.throwing = throwing;
    }

    @Override
    public void onConnection(UpstreamConnection c) {
      if (throwing) {
        throw new IllegalStateException("bug in the acquirer");
      }
      connection.complete(c);
    }

    @Override
    public void onFailure(AcquireFailure reason, HostPort endpoint, Throwable cause) {
      failure.complete(new Failure(reason, endpoint, cause));
    }
  }
}
