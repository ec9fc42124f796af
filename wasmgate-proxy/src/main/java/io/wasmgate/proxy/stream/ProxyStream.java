package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import io.wasmgate.abi.StreamType;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.LocalResponse;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.proxy.ListenerContext;
import io.wasmgate.proxy.Worker;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.route.Route;
import io.wasmgate.proxy.stream.FilterPhaseRunner.Outcome;
import io.wasmgate.proxy.upstream.AcquireFailure;
import io.wasmgate.proxy.upstream.UpstreamConnection;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request/response exchange on a downstream connection: the plugins' {@link
 * HttpStreamHost}, and the state machine joining the downstream request, the filter chain and the
 * upstream exchange. Everything runs on the connection's event loop (the stream's worker).
 */
public final class ProxyStream implements HttpStreamHost, CallbackGate {
  private static final Logger log = LoggerFactory.getLogger(ProxyStream.class);
  private static final int PARK_LIMIT_BYTES = 64 * 1024;

  private final DownstreamHandler downstream;
  private final ListenerContext listener;
  private final Worker worker;
  private final HttpRequest request;
  private final RequestHeaderMap requestHeaders;
  private final boolean requestHasBody;
  private final boolean clientKeepAlive;
  private final boolean clientHttp10;
  final StreamInfo info = new StreamInfo();
  private final List<StreamFilter> filters;
  private final FilterPhaseRunner requestRunner;
  private FilterPhaseRunner responseRunner;
  private HttpResponse response;
  private ResponseHeaderMap responseHeaders;
  private boolean responseHasBody;
  private ByteBuf localReplyBody;
  private Route route;
  private boolean routeValid;
  private UpstreamExchange exchange;
  private final ArrayDeque<HttpContent> parkedRequest = new ArrayDeque<>(2);
  private final ArrayDeque<HttpContent> parkedResponse = new ArrayDeque<>(2);
  private int parkedBytes;
  private HttpHeaders requestTrailers;
  private HttpHeaders responseTrailers;
  private boolean requestEnded;
  private boolean requestHeadersPassed;
  private boolean responseHeadersSent;
  private boolean localReplyStarted;
  private boolean finished;
  private boolean closeConnection;
  private int callbackDepth;
  private LocalResponse queuedLocalReply;
  private boolean resetRequested;
  private boolean earlyContinueRequest;
  private boolean earlyContinueResponse;

  ProxyStream(DownstreamHandler downstream, ListenerContext listener, Worker worker, HttpRequest req) {
    this.downstream = downstream;
    this.listener = listener;
    this.worker = worker;
    this.request = req;
    this.requestHasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
    this.clientKeepAlive = HttpUtil.isKeepAlive(req);
    this.clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
    info.protocol = req.protocolVersion().text();
    // A request without a body is complete with its headers (the decoder's empty last chunk follows).
    this.requestEnded = !requestHasBody;
    ForwardedHeaders.apply(req.headers(), downstream.remoteIp());
    this.requestHeaders = new RequestHeaderMap(req, "http", () -> routeValid = false);
    this.filters = listener.chains().chainFor(listener.port()).createFilters(worker.index(), this);
    this.requestRunner = new FilterPhaseRunner(filters, filters.size(), true, this, this::forwardRequestBody);
  }

  void start() {
    listener.stats().rqTotal.increment();
    listener.stats().rqActive.incrementAndGet();
    onRequestHeadersOutcome(requestRunner.headers(requestHeaders, !requestHasBody));
  }

  // ---- downstream request ----

  void requestContent(HttpContent c) {
    info.bytesReceived += c.content().readableBytes();
    if (c instanceof LastHttpContent last) {
      requestEnded = true;
      requestTrailers = last.trailingHeaders().isEmpty() ? null : last.trailingHeaders();
    }
    dispatchRequestContent(c);
  }

  private void dispatchRequestContent(HttpContent c) {
    if (finished || localReplyStarted || !requestHasBody) {
      c.release();
      return;
    }
    if (!requestHeadersPassed) {
      park(parkedRequest, c);
      return;
    }
    if (requestRunner.body(c.content(), c instanceof LastHttpContent) == Outcome.STOP) {
      afterStop();
    }
  }

  private void park(ArrayDeque<HttpContent> queue, HttpContent c) {
    queue.addLast(c);
    parkedBytes += c.content().readableBytes();
    if (parkedBytes > PARK_LIMIT_BYTES) {
      if (queue == parkedRequest) {
        downstream.setReading(false);
      } else if (exchange != null) {
        exchange.setReading(false);
      }
    }
  }

  private void unpark(ArrayDeque<HttpContent> queue, boolean request) {
    parkedBytes = 0;
    if (request) {
      downstream.setReading(true);
    } else if (exchange != null) {
      exchange.setReading(true);
    }
    HttpContent c;
    while ((c = queue.pollFirst()) != null) {
      if (request) {
        dispatchRequestContent(c);
      } else {
        upstreamContent(c);
      }
    }
  }

  private void onRequestHeadersOutcome(Outcome o) {
    if (o == Outcome.CONTINUE) {
      requestHeadersPassed = true;
      startUpstream();
    } else if (o == Outcome.STOP) {
      afterStop();
    }
  }

  private void startUpstream() {
    Route r = route();
    if (r == null) {
      listener.stats().noRoute.increment();
      sendReply(LocalReplies.text(404, "", LocalReplies.NO_ROUTE_DETAILS, "NR"));
      return;
    }
    info.upstreamCluster = r.cluster();
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    HttpHeaders h = request.headers();
    if (requestHasBody && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    exchange = new UpstreamExchange(this, worker.pool(r.clusterIndex()));
    info.upstreamStartNanos = System.nanoTime();
    exchange.start(request);
    if (!requestHasBody) {
      exchange.sendBody(Unpooled.EMPTY_BUFFER, true, null);
    } else {
      unpark(parkedRequest, true);
    }
  }

  private void forwardRequestBody(ByteBuf data, boolean endOfStream) {
    exchange.sendBody(data, endOfStream, endOfStream ? requestTrailers : null);
  }

  void flushUpstream() {
    if (exchange != null) {
      exchange.flush();
    }
  }

  // ---- upstream response ----

  void upstreamConnected(UpstreamConnection c) {
    info.upstreamHost = c.remoteAddress();
    info.upstreamLocalAddress = c.localAddress();
  }

  void upstreamResponse(HttpResponse r) {
    long serviceMillis = (System.nanoTime() - info.upstreamStartNanos) / 1_000_000;
    info.upstreamServiceMillis = serviceMillis;
    info.responseCodeDetails = "via_upstream";
    boolean hasBody = ResponseFraming.hasBody(request.method(), r);
    HopByHopHeaders.strip(r.headers());
    r.headers().set("x-envoy-upstream-service-time", serviceMillis);
    startResponse(r, filters.size(), hasBody);
  }

  void upstreamContent(HttpContent c) {
    if (finished || localReplyStarted) {
      c.release();
      return;
    }
    boolean last = c instanceof LastHttpContent;
    if (responseRunner.headersPaused()) {
      park(parkedResponse, c);
      return;
    }
    if (last && !((LastHttpContent) c).trailingHeaders().isEmpty()) {
      responseTrailers = ((LastHttpContent) c).trailingHeaders();
    }
    if (!responseHasBody) {
      c.release();
      if (last) {
        writeResponseEnd(Unpooled.EMPTY_BUFFER);
      }
      return;
    }
    if (responseRunner.body(c.content(), last) == Outcome.STOP) {
      afterStop();
    }
  }

  void upstreamFailed(AcquireFailure failure, HostPort endpoint, Throwable cause) {
    if (failure == AcquireFailure.NO_HEALTHY_UPSTREAM) {
      sendReply(LocalReplies.text(503, LocalReplies.NO_HEALTHY_BODY, LocalReplies.NO_HEALTHY_DETAILS, "UH"));
      return;
    }
    info.upstreamHost = endpoint == null ? null : endpoint.toString();
    info.transportFailureReason = cause == null ? null : String.valueOf(cause.getMessage());
    sendReply(LocalReplies.text(503, LocalReplies.CONNECT_FAILURE_BODY, LocalReplies.CONNECT_FAILURE_DETAILS, "UF"));
  }

  void upstreamReset(boolean responseStarted, Throwable cause) {
    if (cause != null) {
      info.transportFailureReason = String.valueOf(cause.getMessage());
    }
    if (!responseHeadersSent) {
      sendReply(LocalReplies.text(503, LocalReplies.TERMINATION_BODY, LocalReplies.TERMINATION_DETAILS, "UC"));
    } else {
      reset("UC", "upstream_reset_after_response_started{connection_termination}");
    }
  }

  void upstreamTimedOut(boolean responseStarted) {
    if (!responseHeadersSent) {
      sendReply(LocalReplies.text(504, LocalReplies.TIMEOUT_BODY, LocalReplies.TIMEOUT_DETAILS, "UT"));
    } else {
      reset("UT", LocalReplies.TIMEOUT_DETAILS);
    }
  }

  void upstreamWritabilityChanged(boolean writable) {
    downstream.setReading(writable);
  }

  void downstreamWritabilityChanged(boolean writable) {
    if (exchange != null) {
      exchange.setReading(writable);
    }
  }

  void flushDownstream() {
    downstream.flush();
  }

  EventExecutor executor() {
    return downstream.executor();
  }

  // ---- response (upstream or local) ----

  private void startResponse(HttpResponse head, int filterCount, boolean hasBody) {
    response = head;
    responseHeaders = new ResponseHeaderMap(head);
    responseHasBody = hasBody;
    responseRunner = new FilterPhaseRunner(filters, filterCount, false, this, this::writeResponseBody);
    onResponseHeadersOutcome(responseRunner.headers(responseHeaders, !hasBody));
  }

  private void onResponseHeadersOutcome(Outcome o) {
    if (o == Outcome.STOP) {
      afterStop();
      return;
    }
    if (o == Outcome.PAUSE) {
      return;
    }
    sendResponseHeaders();
    if (localReplyBody != null) {
      ByteBuf body = localReplyBody;
      localReplyBody = null;
      if (!responseHasBody) {
        body.release();
        writeResponseEnd(Unpooled.EMPTY_BUFFER);
      } else if (responseRunner.body(body, true) == Outcome.STOP) {
        afterStop();
      }
    } else {
      unpark(parkedResponse, false);
    }
  }

  private void sendResponseHeaders() {
    HttpResponse r = response;
    HttpHeaders h = r.headers();
    if (responseHasBody && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      // HTTP/1.0 clients cannot read chunks: the body ends when the connection does.
      if (clientHttp10) {
        closeConnection = true;
      } else {
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    boolean keepAlive = clientKeepAlive && !closeConnection && !downstream.draining()
        && (requestEnded || !localReplyStarted);
    closeConnection = !keepAlive;
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (clientHttp10) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    r.setProtocolVersion(HttpVersion.HTTP_1_1);
    info.responseCode = r.status().code();
    responseHeadersSent = true;
    downstream.write(r);
  }

  private void writeResponseBody(ByteBuf data, boolean endOfStream) {
    if (endOfStream) {
      writeResponseEnd(data);
      return;
    }
    info.bytesSent += data.readableBytes();
    downstream.write(new DefaultHttpContent(data));
  }

  private void writeResponseEnd(ByteBuf data) {
    info.bytesSent += data.readableBytes();
    HttpHeaders trailers = responseTrailers;
    downstream.writeAndFlush(
        trailers == null ? new DefaultLastHttpContent(data) : new DefaultLastHttpContent(data, trailers));
    finish();
  }

  /** Answers locally: the upstream (if any) is dropped, the reply passes the response filters. */
  private void sendReply(LocalReplies.Reply reply) {
    if (finished || localReplyStarted || responseHeadersSent) {
      reply.body().release();
      if (!finished && responseHeadersSent) {
        reset(reply.flags().equals("-") ? null : reply.flags(), reply.details());
      }
      return;
    }
    localReplyStarted = true;
    info.responseCodeDetails = reply.details();
    if (!reply.flags().equals("-")) {
      info.addFlag(reply.flags());
    }
    if (exchange != null) {
      exchange.abort();
    }
    requestRunner.discard();
    releaseAll(parkedRequest);
    // Filters that saw the request headers see the reply; a reply made while the response was
    // already being filtered skips the filters, so it cannot loop.
    int count = requestRunner.headersReachedIndex() + 1;
    if (responseRunner != null) {
      responseRunner.discard();
      releaseAll(parkedResponse);
      count = 0;
    }
    ByteBuf body = reply.body();
    boolean hasBody = body.isReadable() && !HttpMethod.HEAD.equals(request.method());
    localReplyBody = body;
    startResponse(reply.head(), count, hasBody);
  }

  private void afterStop() {
    if (queuedLocalReply != null) {
      LocalResponse r = queuedLocalReply;
      queuedLocalReply = null;
      sendReply(LocalReplies.fromPlugin(r));
    } else if (resetRequested) {
      reset(null, "wasm_close_stream");
    }
  }

  /** Ends the stream abruptly: the downstream connection closes, whatever was sent. */
  void reset(String flag, String details) {
    if (finished) {
      return;
    }
    if (flag != null) {
      info.addFlag(flag);
    }
    if (details != null) {
      info.responseCodeDetails = details;
    }
    closeConnection = true;
    finish();
  }

  void downstreamClosed() {
    reset("DC", "downstream_remote_disconnect");
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (exchange != null) {
      exchange.abort();
    }
    if (!requestEnded) {
      closeConnection = true;
    }
    requestRunner.discard();
    if (responseRunner != null) {
      responseRunner.discard();
    }
    releaseAll(parkedRequest);
    releaseAll(parkedResponse);
    if (localReplyBody != null) {
      localReplyBody.release();
      localReplyBody = null;
    }
    listener.stats().rqActive.decrementAndGet();
    listener.stats().countResponse(info.responseCode);
    for (StreamFilter f : filters) {
      try {
        f.onStreamComplete();
      } catch (RuntimeException e) {
        log.warn("filter {} failed in onStreamComplete", f.pluginName(), e);
      }
    }
    for (StreamFilter f : filters) {
      try {
        f.close();
      } catch (RuntimeException e) {
        log.warn("filter {} failed in close", f.pluginName(), e);
      }
    }
    listener.accessLog().log(info.toEntry(request, request.uri(), downstream.localAddress(), downstream.remoteAddress()));
    downstream.streamFinished(this, closeConnection);
  }

  private static void releaseAll(ArrayDeque<HttpContent> queue) {
    HttpContent c;
    while ((c = queue.pollFirst()) != null) {
      c.release();
    }
  }

  // ---- routing and properties ----

  Route route() {
    if (!routeValid) {
      route = listener.routes().match(request.headers().get(HttpHeaderNames.HOST), request.uri());
      routeValid = true;
      info.routeName = route == null ? null : route.name();
    }
    return route;
  }

  HttpRequest request() {
    return request;
  }

  HttpResponse response() {
    return response;
  }

  DownstreamHandler downstream() {
    return downstream;
  }

  ListenerContext listener() {
    return listener;
  }

  // ---- HttpStreamHost ----

  @Override
  public HeaderMap requestHeaders() {
    return requestHeaders;
  }

  @Override
  public HeaderMap responseHeaders() {
    return responseHeaders;
  }

  @Override
  public HeaderMap requestTrailers() {
    return null;
  }

  @Override
  public BodyBuffer requestBody() {
    return requestRunner.currentBody();
  }

  @Override
  public BodyBuffer responseBody() {
    return responseRunner == null ? null : responseRunner.currentBody();
  }

  @Override
  public void sendLocalResponse(LocalResponse r) {
    if (!executor().inEventLoop()) {
      executor().execute(() -> sendLocalResponse(r));
      return;
    }
    if (finished || localReplyStarted || queuedLocalReply != null) {
      log.debug("ignoring a second local response ({}) on one stream", r.status());
      return;
    }
    if (callbackDepth > 0) {
      // Like Envoy, the reply goes out once the current callback has returned.
      queuedLocalReply = r;
    } else {
      sendReply(LocalReplies.fromPlugin(r));
    }
  }

  @Override
  public void continueStream(StreamType type) {
    if (!executor().inEventLoop()) {
      executor().execute(() -> continueStream(type));
      return;
    }
    if (finished) {
      return;
    }
    boolean requestSide = type == StreamType.HTTP_REQUEST;
    if (callbackDepth > 0) {
      if (requestSide) {
        earlyContinueRequest = true;
      } else {
        earlyContinueResponse = true;
      }
      return;
    }
    if (requestSide) {
      if (requestRunner.headersPaused()) {
        onRequestHeadersOutcome(requestRunner.resumeHeaders());
      } else if (requestRunner.bodyPaused() && requestRunner.resumeBody() == Outcome.STOP) {
        afterStop();
      }
    } else if (responseRunner != null) {
      if (responseRunner.headersPaused()) {
        onResponseHeadersOutcome(responseRunner.resumeHeaders());
      } else if (responseRunner.bodyPaused() && responseRunner.resumeBody() == Outcome.STOP) {
        afterStop();
      }
    }
  }

  @Override
  public void closeStream(StreamType type) {
    if (!executor().inEventLoop()) {
      executor().execute(() -> closeStream(type));
      return;
    }
    if (callbackDepth > 0) {
      resetRequested = true;
    } else {
      reset(null, "wasm_close_stream");
    }
  }

  @Override
  public byte[] property(List<String> path) {
    return StreamProperties.get(this, path);
  }

  // ---- CallbackGate ----

  @Override
  public void enterCallback() {
    if (callbackDepth++ == 0) {
      earlyContinueRequest = false;
      earlyContinueResponse = false;
    }
  }

  @Override
  public void exitCallback() {
    callbackDepth--;
  }

  @Override
  public boolean stopped() {
    return queuedLocalReply != null || resetRequested || finished;
  }

  @Override
  public boolean takeEarlyContinue(boolean requestSide) {
    boolean was = requestSide ? earlyContinueRequest : earlyContinueResponse;
    if (requestSide) {
      earlyContinueRequest = false;
    } else {
      earlyContinueResponse = false;
    }
    return was;
  }
}
