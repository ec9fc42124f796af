package io.wasmgate.proxy.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that reads each request head and never answers: it counts the requests it holds and
 * the connections their client closed (read end of stream), one thread per connection.
 */
final class HoldingBackend implements AutoCloseable {
  private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();

  HoldingBackend() throws IOException {
    Thread acceptor = new Thread(this::acceptAll, "holding-backend");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Requests whose head arrived (none is ever answered). */
  int held() {
    return held.get();
  }

  /** Connections the gateway closed. */
  int closedByClient() {
    return closedByClient.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread reader = new Thread(() -> hold(s), "holding-backend-conn");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void hold(Socket s) {
    try (InputStream in = s.getInputStream()) {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int b;
      while ((b = in.read()) != -1) {
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == end.length) {
          held.incrementAndGet();
          matched = 0;
        }
      }
      closedByClient.incrementAndGet();
    } catch (IOException e) {
      // Reset by the gateway, or closed by close(): either way the connection is gone.
      if (!server.isClosed()) {
        closedByClient.incrementAndGet();
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
