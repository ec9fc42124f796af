package io.wasmgate.proxy.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 backend that answers every request with a chunked body "chunk" and the trailer
 * "x-upstream-trailer: t1" (the JDK server cannot send trailers), one request per connection.
 */
final class TrailerBackend implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  TrailerBackend() throws IOException {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "trailer-backend");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        String requestLine = readHead(s.getInputStream());
        // Paths containing "none" get a chunked body without trailers.
        String trailers = requestLine.contains("none") ? "" : "x-upstream-trailer: t1\r\n";
        OutputStream out = s.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
                    + "5\r\nchunk\r\n0\r\n" + trailers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server closed, or one client went away: keep serving until closed
      }
    }
  }

  /** Reads up to the blank line ending the request head (tests send bodiless GETs); returns its first line. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder first = new StringBuilder();
    boolean firstDone = false;
    int matched = 0;
    int c;
    while (matched < 4 && (c = in.read()) != -1) {
      matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
      if (matched > 0) {
        firstDone = true;
      } else if (!firstDone) {
        first.append((char) c);
      }
    }
    return first.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
