package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.upstream.AcquireCallback;
import io.wasmgate.proxy.upstream.AcquireFailure;
import io.wasmgate.proxy.upstream.ClusterPool;
import io.wasmgate.proxy.upstream.UpstreamConnection;
import io.wasmgate.proxy.upstream.UpstreamListener;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One request's trip to the cluster: gets a pooled connection, writes the request (holding body
 * chunks until connected), relays the response to the stream, enforces the response timeout and
 * hands the connection back, reusable only when both messages completed on a keep-alive exchange.
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
  private ScheduledFuture<?> timeout;

  UpstreamExchange(ProxyStream stream, ClusterPool pool) {
    this.stream = stream;
    this.pool = pool;
  }

  void start(HttpRequest request) {
    head = request;
    pool.stats().rqTotal.increment();
    cancelAcquire = pool.acquire(this);
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
    ch.write(head);
    if (pending != null) {
      HttpContent chunk;
      while ((chunk = pending.pollFirst()) != null) {
        ch.write(chunk);
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
      chunk =
          trailers == null
              ? new DefaultLastHttpContent(data)
              : new DefaultLastHttpContent(data, trailers);
    } else {
      chunk = new DefaultHttpContent(data);
    }
    if (connection != null) {
      connection.channel().write(chunk);
    } else {
      if (pending == null) {
        pending = new ArrayDeque<>(4);
      }
      pending.addLast(chunk);
    }
    if (endOfStream) {
      requestSent = true;
      flush();
      long millis = pool.config().timeout().toMillis();
      timeout = stream.executor().schedule(this::timedOut, millis, TimeUnit.MILLISECONDS);
    }
  }

  void flush() {
    if (connection != null) {
      connection.channel().flush();
    }
  }

  /** Backpressure from downstream: stop or resume reading the upstream response. */
  void setReading(boolean read) {
    if (connection != null) {
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
      upstreamKeepAlive = HttpUtil.isKeepAlive(r);
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

  private void timedOut() {
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
    if (timeout != null) {
      timeout.cancel(false);
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
      c.channel().config().setAutoRead(true);
      c.release(reuse);
    }
  }
}
