package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wasmgate.host.HttpCallDispatcher;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.upstream.AcquireCallback;
import io.wasmgate.proxy.upstream.AcquireFailure;
import io.wasmgate.proxy.upstream.ClusterPool;
import io.wasmgate.proxy.upstream.UpstreamConnection;
import io.wasmgate.proxy.upstream.UpstreamListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One plugin HTTP callout over a worker's pooled connection to a cluster, on that worker's loop.
 * The response is buffered whole and handed over once. As Envoy's router would answer the call, a
 * refused connection is a 503 response and a timeout a 504; only a reset after the response
 * started, or a body over the buffer limit, is a failure without headers. A cancelled call (its VM
 * closed) closes its connection at once and answers nothing.
 */
public final class HttpCallExchange implements AcquireCallback, UpstreamListener {
  private final ClusterPool pool;
  private final HttpCallDispatcher.Request call;
  private final Consumer<HttpCallDispatcher.Response> onResponse;
  private final int bodyLimit;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private CompositeByteBuf body;
  private UpstreamConnection connection;
  private Runnable cancelAcquire;
  private ScheduledFuture<?> timeout;
  private boolean keepAlive;
  private boolean done;
  /** Set by {@link #cancel}, which may run on any thread: no response is handed over after it. */
  private volatile boolean cancelled;

  private HttpCallExchange(
      ClusterPool pool,
      HttpCallDispatcher.Request call,
      Consumer<HttpCallDispatcher.Response> onResponse,
      int bodyLimit) {
    this.pool = pool;
    this.call = call;
    this.onResponse = onResponse;
    this.bodyLimit = bodyLimit;
  }

  /**
   * Starts the call on the pool's loop (the caller's thread); the response comes back on it.
   *
   * @return the handle that cancels the call
   */
  public static HttpCallDispatcher.Call start(
      ClusterPool pool,
      HttpCallDispatcher.Request call,
      Consumer<HttpCallDispatcher.Response> onResponse,
      int bodyLimit) {
    HttpCallExchange exchange = new HttpCallExchange(pool, call, onResponse, bodyLimit);
    Duration limit = call.timeout() == null ? pool.config().timeout() : call.timeout();
    exchange.timeout =
        pool.loop().schedule(exchange::timedOut, limit.toMillis(), TimeUnit.MILLISECONDS);
    pool.stats().rqTotal.increment();
    exchange.cancelAcquire = pool.acquire(exchange);
    return exchange::cancel;
  }

  /** Abandons the call from any thread: the exchange ends on its loop, its connection closed. */
  private void cancel() {
    cancelled = true;
    if (pool.loop().inEventLoop()) {
      end(false);
      return;
    }
    try {
      pool.loop().execute(() -> end(false));
    } catch (RejectedExecutionException stopped) {
      // The worker has shut down, and its connections with it.
    }
  }

  @Override
  public void onConnection(UpstreamConnection c) {
    if (done) {
      c.release(true);
      return;
    }
    connection = c;
    c.attach(this);
    Channel ch = c.channel();
    ch.write(head());
    byte[] bytes = call.body() == null ? new byte[0] : call.body();
    if (call.trailers().isEmpty()) {
      ch.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes)));
    } else {
      if (bytes.length > 0) {
        ch.write(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
      }
      LastHttpContent last = new DefaultLastHttpContent();
      call.trailers().forEach(t -> last.trailingHeaders().add(t.getKey(), t.getValue()));
      ch.writeAndFlush(last);
    }
  }

  private HttpRequest head() {
    String method = value(":method");
    String path = value(":path");
    HttpRequest head =
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path);
    for (Map.Entry<String, String> h : call.headers()) {
      if (!h.getKey().startsWith(":") && !HttpHeaderNames.HOST.contentEqualsIgnoreCase(h.getKey())) {
        head.headers().add(h.getKey(), h.getValue());
      }
    }
    head.headers().set(HttpHeaderNames.HOST, value(":authority"));
    if (call.trailers().isEmpty()) {
      head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
      head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, call.body() == null ? 0 : call.body().length);
    } else {
      head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
      head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    return head;
  }

  private String value(String pseudo) {
    for (Map.Entry<String, String> h : call.headers()) {
      if (h.getKey().equals(pseudo)) {
        return h.getValue();
      }
    }
    throw new IllegalStateException(pseudo + " was checked by the host");
  }

  @Override
  public void onFailure(AcquireFailure failure, HostPort endpoint, Throwable cause) {
    if (failure == AcquireFailure.NO_HEALTHY_UPSTREAM) {
      localResponse(503, LocalReplies.NO_HEALTHY_BODY, null);
    } else {
      localResponse(503, LocalReplies.CONNECT_FAILURE_BODY, null);
    }
  }

  @Override
  public void onUpstreamObject(HttpObject msg) {
    if (done) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse r) {
      // Interim (1xx) responses are skipped; their content never starts a body.
      if (r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
        pool.stats().countResponse(r.status().code());
        keepAlive = HttpUtil.isKeepAlive(r);
        headers.add(Map.entry(":status", Integer.toString(r.status().code())));
        r.headers().forEach(h -> headers.add(Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue())));
        body = Unpooled.compositeBuffer(Integer.MAX_VALUE);
      }
      return;
    }
    HttpContent c = (HttpContent) msg;
    if (body == null) {
      c.release();
      return;
    }
    body.addComponent(true, c.content().retain());
    c.release();
    if (body.readableBytes() > bodyLimit) {
      finish(HttpCallDispatcher.Response.failed("exceeded buffer limit"), false);
    } else if (c instanceof LastHttpContent last) {
      List<Map.Entry<String, String>> trailers = new ArrayList<>();
      last.trailingHeaders()
          .forEach(t -> trailers.add(Map.entry(t.getKey().toLowerCase(Locale.ROOT), t.getValue())));
      byte[] bytes = new byte[body.readableBytes()];
      body.readBytes(bytes);
      finish(new HttpCallDispatcher.Response(List.copyOf(headers), bytes, trailers, null), keepAlive);
    }
  }

  @Override
  public void onUpstreamReadComplete() {}

  @Override
  public void onUpstreamWritabilityChanged(boolean writable) {}

  @Override
  public void onUpstreamClosed(Throwable cause) {
    connection = null;
    pool.stats().rqRxReset.increment();
    if (body == null) {
      localResponse(503, LocalReplies.TERMINATION_BODY, null);
    } else {
      finish(HttpCallDispatcher.Response.failed("reset"), false);
    }
  }

  private void timedOut() {
    if (!done) {
      pool.stats().rqTimeout.increment();
      localResponse(504, LocalReplies.TIMEOUT_BODY, Boolean.FALSE);
    }
  }

  /** A response the gateway makes up, as Envoy's router does for the call. */
  private void localResponse(int status, String text, Boolean reuse) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> head =
        List.of(
            Map.entry(":status", Integer.toString(status)),
            Map.entry("content-length", Integer.toString(bytes.length)),
            Map.entry("content-type", "text/plain"));
    finish(new HttpCallDispatcher.Response(head, bytes, List.of(), null), reuse != null && reuse);
  }

  private void finish(HttpCallDispatcher.Response response, boolean reuse) {
    if (!end(reuse)) {
      return;
    }
    // Never inside dispatch: the host may still be in proxy_http_call when acquire fails at once.
    pool.loop().execute(() -> {
      if (!cancelled) {
        onResponse.accept(response);
      }
    });
  }

  /** Releases what the exchange holds, once; false when it had already ended. */
  private boolean end(boolean reuse) {
    if (done) {
      return false;
    }
    done = true;
    timeout.cancel(false);
    if (cancelAcquire != null) {
      cancelAcquire.run();
    }
    if (body != null) {
      body.release();
    }
    UpstreamConnection c = connection;
    connection = null;
    if (c != null) {
      c.release(reuse);
    }
    return true;
  }
}
