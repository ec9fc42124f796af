package io.wasmgate.proxy.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend for the gateway tests: /echo returns the request body (chunked), /bytes?n=N
 * returns N bytes "x" (chunked), /headers lists
 * the request headers it received, /slow never answers until the test ends, /close answers without
 * keep-alive, /auth?token=good answers 200 "alice" (any other token 401). Every response says which TCP connection served it (x-backend-connection).
 */
final class Backend implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  Backend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/echo", this::echo);
    server.createContext("/bytes", this::bytes);
    server.createContext("/headers", this::headers);
    server.createContext("/slow", this::slow);
    server.createContext("/auth", this::auth);
    server.createContext("/", this::hello);
  }

  Backend start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  private void bytes(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String query = ex.getRequestURI().getQuery();
    int n = query != null && query.startsWith("n=") ? Integer.parseInt(query.substring(2)) : 0;
    ex.sendResponseHeaders(200, 0); // chunked
    try (OutputStream out = ex.getResponseBody()) {
      out.write("x".repeat(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  private void echo(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    ex.getResponseHeaders().add("x-backend-method", ex.getRequestMethod());
    ex.getResponseHeaders().add("x-backend-connection", connection(ex));
    ex.sendResponseHeaders(200, 0); // 0 = chunked: a streamed response
    try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private void headers(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(ex.getRequestHeaders());
    StringBuilder b = new StringBuilder();
    sorted.forEach((k, v) -> b.append(k.toLowerCase()).append(": ").append(String.join(",", v)).append('\n'));
    b.append("path: ").append(ex.getRequestURI()).append('\n');
    send(ex, 200, b.toString());
  }

  private void slow(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    send(ex, 200, "late");
  }

  private void auth(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    boolean good = "token=good".equals(ex.getRequestURI().getQuery());
    send(ex, good ? 200 : 401, good ? "alice" : "no");
  }

  private void hello(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    ex.getResponseHeaders().add("x-backend-connection", connection(ex));
    send(ex, 200, "hello from backend");
  }

  private static String connection(HttpExchange ex) {
    return Integer.toString(ex.getRemoteAddress().getPort());
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("content-type", "text/plain");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
