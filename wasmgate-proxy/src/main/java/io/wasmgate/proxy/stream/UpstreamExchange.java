package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.upstream.AcquireCallback;
import io.wasmgate.proxy.upstream.AcquireFailure;
import io.wasmgate.proxy.upstream.ClusterPool;
import io.wasmgate.proxy.upstream.UpstreamConnection;
import io.wasmgate.proxy.upstream.UpstreamListener;
import java.util.ArrayDeque;

/**
 * One request's trip to the cluster: gets a pooled connection, writes the request (holding body
 * chunks until connected), relays the response to the stream, enforces the response timeout (the
 * downstream connection's reusable timer) and hands the connection back, reusable only when both
 * messages completed on a keep-alive exchange.
 */
final class UpstreamExchange implements AcquireCallback, UpstreamListener {
  private final ProxyStream stream;
  private final ClusterPool pool;
  private UpstreamConnection connection;
  private Runnable cancelAcquire;
  private HttpRequest head;
  private ArrayDeque<HttpContent> pending;
  private boolean requestSent;
  private boolean responseStarted;
  private boolean upstreamKeepAlive;
  private boolean skippingInformational;
  private boolean done;
  private boolean readingPaused;
  /** Written to the connection since its last flush. */
  private boolean unflushed;

  UpstreamExchange(ProxyStream stream, ClusterPool pool) {
    this.stream = stream;
    this.pool = pool;
  }

  /**
   * Sends the request head once connected; {@code complete} when the request has no body, so head
   * and end go out as one message and the response timeout starts now.
   */
  void start(HttpRequest request, boolean complete) {
    head =
        complete
            ? new DefaultFullHttpRequest(
                request.protocolVersion(), request.method(), request.uri(), Unpooled.EMPTY_BUFFER,
                request.headers(), EmptyHttpHeaders.INSTANCE)
            : request;
    pool.stats().rqTotal.increment();
    cancelAcquire = pool.acquire(this);
    if (complete && !done) {
      requestComplete();
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
    stream.upstreamConnected(c);
    Channel ch = c.channel();
    ch.write(head, ch.voidPromise());
    if (pending != null) {
      HttpContent chunk;
      while ((chunk = pending.pollFirst()) != null) {
        ch.write(chunk, ch.voidPromise());
      }
    }
    ch.flush();
    if (!ch.isWritable()) {
      stream.upstreamWritabilityChanged(false);
    }
  }

  @Override
  public void onFailure(AcquireFailure failure, HostPort endpoint, Throwable cause) {
    if (done) {
      return;
    }
    finishWith(null);
    stream.upstreamFailed(failure, endpoint, cause);
  }

  /** Sends a request body chunk (ownership taken); eos completes the request and arms the timeout. */
  void sendBody(ByteBuf data, boolean endOfStream, HttpHeaders trailers) {
    if (done) {
      data.release();
      return;
    }
    HttpContent chunk;
    if (endOfStream) {
      chunk = new DefaultLastHttpContent(data, trailers == null ? EmptyHttpHeaders.INSTANCE : trailers);
    } else {
      chunk = new DefaultHttpContent(data);
    }
    if (connection != null) {
      connection.channel().write(chunk, connection.channel().voidPromise());
      unflushed = true;
    } else {
      if (pending == null) {
        pending = new ArrayDeque<>(4);
      }
      pending.addLast(chunk);
    }
    if (endOfStream) {
      flush();
      requestComplete();
    }
  }

  private void requestComplete() {
    requestSent = true;
    stream.downstream().armResponseTimeout(pool.config().timeout().toMillis());
  }

  /** Flushes what was written since the last flush (the downstream read that brought it ended). */
  void flush() {
    if (connection != null && unflushed) {
      unflushed = false;
      connection.channel().flush();
    }
  }

  /** Backpressure from downstream: stop or resume reading the upstream response. */
  void setReading(boolean read) {
    if (connection != null && readingPaused == read) {
      readingPaused = !read;
      connection.channel().config().setAutoRead(read);
    }
  }

  @Override
  public void onUpstreamObject(HttpObject msg) {
    if (msg instanceof HttpResponse r) {
      if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        // The gateway answered Expect: 100-continue itself; interim responses stop here.
        skippingInformational = true;
        return;
      }
      responseStarted = true;
      pool.stats().countResponse(r.status().code());
      upstreamKeepAlive = KeepAlive.of(r);
      stream.upstreamResponse(r);
      return;
    }
    HttpContent c = (HttpContent) msg;
    if (skippingInformational) {
      skippingInformational = !(c instanceof LastHttpContent);
      c.release();
      return;
    }
    if (c instanceof LastHttpContent) {
      finishWith(upstreamKeepAlive && requestSent ? Boolean.TRUE : Boolean.FALSE);
    }
    stream.upstreamContent(c);
  }

  @Override
  public void onUpstreamReadComplete() {
    stream.flushDownstream();
  }

  @Override
  public void onUpstreamWritabilityChanged(boolean writable) {
    stream.upstreamWritabilityChanged(writable);
  }

  @Override
  public void onUpstreamClosed(Throwable cause) {
    if (done) {
      return;
    }
    connection = null;
    finishWith(null);
    pool.stats().rqRxReset.increment();
    stream.upstreamReset(responseStarted, cause);
  }

  /** The response timeout armed by {@link #requestComplete()} expired. */
  void timedOut() {
    if (done) {
      return;
    }
    pool.stats().rqTimeout.increment();
    finishWith(Boolean.FALSE);
    stream.upstreamTimedOut(responseStarted);
  }

  /** The stream no longer wants this exchange (local reply, reset, downstream gone). */
  void abort() {
    if (!done) {
      finishWith(Boolean.FALSE);
    }
  }

  /** Ends the exchange; {@code reuse} null means the connection is already gone. */
  private void finishWith(Boolean reuse) {
    done = true;
    if (requestSent) {
      stream.downstream().disarmResponseTimeout();
    }
    if (cancelAcquire != null) {
      cancelAcquire.run();
    }
    if (pending != null) {
      pending.forEach(HttpContent::release);
      pending = null;
    }
    UpstreamConnection c = connection;
    connection = null;
    if (c != null && reuse != null) {
      if (readingPaused) {
        c.channel().config().setAutoRead(true);
      }
      c.release(reuse);
    }
  }
}
