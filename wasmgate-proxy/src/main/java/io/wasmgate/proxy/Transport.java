package io.wasmgate.proxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The socket transport of the data plane. Linux epoll (Netty's native transport) costs fewer
 * syscalls and less garbage per request than the JDK's NIO selector, so it is used whenever its
 * native library loads; NIO is the fallback elsewhere. A channel only runs on a loop of its own
 * transport, so listeners, worker loops and upstream connections all take their classes from here.
 *
 * <p>System property {@code wasmgate.transport}: {@code auto} (default), {@code epoll} (fail when it
 * cannot load) or {@code nio}.
 */
public enum Transport {
  EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
  NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

  public static final String PROPERTY = "wasmgate.transport";

  private final Supplier<IoHandlerFactory> ioHandlers;
  private final Class<? extends ServerChannel> serverChannel;
  private final Class<? extends SocketChannel> socketChannel;

  Transport(
      Supplier<IoHandlerFactory> ioHandlers,
      Class<? extends ServerChannel> serverChannel,
      Class<? extends SocketChannel> socketChannel) {
    this.ioHandlers = ioHandlers;
    this.serverChannel = serverChannel;
    this.socketChannel = socketChannel;
  }

  /** The transport {@code wasmgate.transport} asks for: epoll when available unless told otherwise. */
  public static Transport select() {
    String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "auto" -> Epoll.isAvailable() ? EPOLL : NIO;
      case "nio" -> NIO;
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException(
              PROPERTY + "=epoll, but the epoll transport cannot load: " + Epoll.unavailabilityCause(),
              Epoll.unavailabilityCause());
        }
        yield EPOLL;
      }
      default ->
          throw new IllegalArgumentException(
              PROPERTY + " must be auto, epoll or nio, got '" + System.getProperty(PROPERTY) + "'");
    };
  }

  /** Why epoll is not in use when {@link #select()} fell back to NIO, else null. */
  public static Throwable epollUnavailabilityCause() {
    return Epoll.unavailabilityCause();
  }

  public IoHandlerFactory ioHandlerFactory() {
    return ioHandlers.get();
  }

  public Class<? extends ServerChannel> serverChannel() {
    return serverChannel;
  }

  public Class<? extends SocketChannel> socketChannel() {
    return socketChannel;
  }

  /** "epoll" or "nio", as logged and shown in stats. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
