package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
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
import io.netty.util.AsciiString;
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
  private static final AsciiString UPSTREAM_SERVICE_TIME = AsciiString.cached("x-envoy-upstream-service-time");

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
  /** Values plugins stored with proxy_set_property, by dotted path; null until the first one. */
  private java.util.Map<String, byte[]> filterState;
  private boolean routeValid;
  private UpstreamExchange exchange;
  private final BodyFraming requestFraming = new BodyFraming();
  private final BodyFraming responseFraming = new BodyFraming();
  private boolean requestEnded;
  private boolean requestHeadStarted;
  private boolean responseHeadersSent;
  private boolean localReplyStarted;
  private boolean finished;
  private boolean closeConnection;
  private int callbackDepth;
  private LocalResponse queuedLocalReply;
  private boolean resetRequested;
  private boolean earlyContinueRequest;
  private boolean earlyContinueResponse;
  private boolean upstreamEndedBeforeHeaders;

  ProxyStream(DownstreamHandler downstream, ListenerContext listener, Worker worker, HttpRequest req) {
    this.downstream = downstream;
    this.listener = listener;
    this.worker = worker;
    this.request = req;
    this.requestHasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
    this.clientKeepAlive = KeepAlive.of(req);
    this.clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
    info.protocol = req.protocolVersion().text();
    // A request without a body is complete with its headers (the decoder's empty last chunk follows).
    this.requestEnded = !requestHasBody;
    ForwardedHeaders.apply(req.headers(), downstream.remoteIp());
    this.requestHeaders = new RequestHeaderMap(req, "http", () -> routeValid = false);
    this.filters = listener.chains().chainFor(listener.port()).createFilters(worker.index(), this);
    this.requestRunner =
        new FilterPhaseRunner(filters, filters.size(), true, this, new RequestSink(), bufferLimit());
  }

  private int bufferLimit() {
    return listener.limits().bodyBufferLimitBytes();
  }

  void start() {
    listener.stats().rqTotal.increment();
    listener.stats().rqActive.incrementAndGet();
    // Envoy resolves the route before the filters run, so a request a plugin answers locally still
    // logs its route and cluster (and plugins can read route_name / cluster_name).
    route();
    afterFilters(requestRunner.headers(requestHeaders, !requestHasBody), true);
  }

  // ---- downstream request ----

  void requestContent(HttpContent c) {
    info.bytesReceived += c.content().readableBytes();
    boolean last = c instanceof LastHttpContent;
    if (last) {
      requestEnded = true;
    }
    if (finished || localReplyStarted || !requestHasBody) {
      c.release();
      return;
    }
    afterFilters(passContent(requestRunner, c), true);
  }

  /** A body chunk through the runner; trailers of a last chunk follow it, as Envoy delivers them. */
  private static Outcome passContent(FilterPhaseRunner runner, HttpContent c) {
    if (c instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
      Outcome o = runner.body(c.content(), false);
      return o == Outcome.STOP || o == Outcome.OVERFLOW
          ? o
          : runner.trailers(new TrailerHeaderMap(last.trailingHeaders()));
    }
    return runner.body(c.content(), c instanceof LastHttpContent);
  }

  /** Acts on what a filter pass came to: a queued reply or reset, or a buffer overflow. */
  private void afterFilters(Outcome o, boolean request) {
    if (o == Outcome.STOP) {
      afterStop();
    } else if (o == Outcome.OVERFLOW) {
      // Envoy answers 413 when a buffered request body passes its limit, 500 for a response.
      sendReply(
          request
              ? LocalReplies.text(413, "Payload Too Large", "request_payload_too_large", "-")
              : LocalReplies.text(500, "Internal Server Error", "response_payload_too_large", "-"));
    }
  }

  /** Where request parts go once every filter let them through. */
  private final class RequestSink implements FilterPhaseRunner.Sink {
    @Override
    public void headersDone() {
      startUpstream();
    }

    @Override
    public void body(ByteBuf data, boolean endOfStream) {
      forwardRequestBody(data, endOfStream);
    }

    @Override
    public void trailers(HeaderMap trailers) {
      forwardRequestBody(Unpooled.EMPTY_BUFFER, true);
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
    if (!requestHasBody) {
      requestHeadStarted = true;
      exchange.start(request, true);
    }
    // With a body, the head waits for the first bytes through the filters so its framing is true.
  }

  private void forwardRequestBody(ByteBuf data, boolean endOfStream) {
    if (exchange == null || localReplyStarted || finished) {
      data.release();
      return;
    }
    HttpHeaders trailers = endOfStream && requestRunner.trailers() != null ? trailersOf(requestRunner) : null;
    if (!requestHeadStarted) {
      requestHeadStarted = true;
      requestFraming.commit(
          request.headers(), requestRunner.bodyChanged(), data.readableBytes(), endOfStream && trailers == null, true);
      exchange.start(request, false);
    }
    if (!requestFraming.fits(data.readableBytes(), endOfStream)) {
      data.release();
      log.warn("a plugin changed the request body after its content-length was sent upstream");
      sendReply(LocalReplies.text(500, "", "wasm_body_length_mismatch", "-"));
      return;
    }
    exchange.sendBody(data, endOfStream, trailers);
  }

  private static HttpHeaders trailersOf(FilterPhaseRunner runner) {
    return ((TrailerHeaderMap) runner.trailers()).headers();
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
    r.headers().set(UPSTREAM_SERVICE_TIME, Long.toString(serviceMillis));
    startResponse(r, filters.size(), hasBody);
  }

  void upstreamContent(HttpContent c) {
    if (finished || localReplyStarted) {
      c.release();
      return;
    }
    if (!responseHasBody) {
      c.release();
      if (c instanceof LastHttpContent && responseHeadersSent) {
        writeResponseEnd(Unpooled.EMPTY_BUFFER, null);
      } else if (c instanceof LastHttpContent) {
        upstreamEndedBeforeHeaders = true;
      }
      return;
    }
    afterFilters(passContent(responseRunner, c), false);
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

  /** The downstream connection's response timer expired while this stream was current. */
  void responseTimedOut() {
    if (exchange != null) {
      exchange.timedOut();
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
    responseRunner =
        new FilterPhaseRunner(filters, filterCount, false, this, new ResponseSink(), bufferLimit());
    afterFilters(responseRunner.headers(responseHeaders, !hasBody), false);
    if (localReplyBody != null && !finished) {
      // A local reply's body follows its headers through the response filters.
      ByteBuf body = localReplyBody;
      localReplyBody = null;
      if (hasBody) {
        afterFilters(responseRunner.body(body, true), false);
      } else {
        body.release();
      }
    }
  }

  /** Where response parts go once every filter let them through. */
  private final class ResponseSink implements FilterPhaseRunner.Sink {
    @Override
    public void headersDone() {
      if (!responseHasBody) {
        sendResponseHeaders(null);
        if (localReplyStarted || upstreamEndedBeforeHeaders) {
          writeResponseEnd(Unpooled.EMPTY_BUFFER, null);
        }
      }
      // With a body, the head waits for the first bytes through the filters so its framing is true.
    }

    @Override
    public void body(ByteBuf data, boolean endOfStream) {
      writeResponseBody(data, endOfStream);
    }

    @Override
    public void trailers(HeaderMap trailers) {
      writeResponseBody(Unpooled.EMPTY_BUFFER, true);
    }
  }

  /**
   * Writes the response head; with {@code wholeBody} (the complete body, no trailers) head and body
   * go out as one message, which the encoder writes as one buffer, and the stream finishes.
   */
  private void sendResponseHeaders(ByteBuf wholeBody) {
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
    if (wholeBody == null) {
      downstream.write(r);
      return;
    }
    info.bytesSent += wholeBody.readableBytes();
    downstream.writeAndFlush(
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), wholeBody, h, EmptyHttpHeaders.INSTANCE));
    finish();
  }

  private void writeResponseBody(ByteBuf data, boolean endOfStream) {
    if (finished) {
      data.release();
      return;
    }
    HttpHeaders trailers =
        endOfStream && responseRunner.trailers() != null ? trailersOf(responseRunner) : null;
    boolean wholeBody = endOfStream && trailers == null;
    if (!responseHeadersSent) {
      responseFraming.commit(
          response.headers(), responseRunner.bodyChanged(), data.readableBytes(), wholeBody, false);
    }
    boolean fits = responseFraming.fits(data.readableBytes(), endOfStream);
    if (!responseHeadersSent) {
      if (wholeBody && fits) {
        sendResponseHeaders(data);
        return;
      }
      sendResponseHeaders(null);
    }
    if (!fits) {
      data.release();
      log.warn("a plugin changed the response body after its content-length was sent");
      reset(null, "wasm_body_length_mismatch");
      return;
    }
    if (endOfStream) {
      writeResponseEnd(data, trailers);
      return;
    }
    info.bytesSent += data.readableBytes();
    downstream.write(new DefaultHttpContent(data));
  }

  private void writeResponseEnd(ByteBuf data, HttpHeaders trailers) {
    info.bytesSent += data.readableBytes();
    if (trailers == null && !data.isReadable()) {
      data.release();
      downstream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } else {
      downstream.writeAndFlush(new DefaultLastHttpContent(data, trailers == null ? EmptyHttpHeaders.INSTANCE : trailers));
    }
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
    // Filters that saw the request headers see the reply; a reply made while the response was
    // already being filtered skips the filters, so it cannot loop.
    int count = requestRunner.headersReachedIndex() + 1;
    if (responseRunner != null) {
      responseRunner.discard();
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

  // ---- routing and properties ----

  Route route() {
    if (!routeValid) {
      route = listener.routes().match(request.headers().get(HttpHeaderNames.HOST), request.uri());
      routeValid = true;
      info.routeName = route == null ? null : route.name();
      info.upstreamCluster = route == null ? null : route.cluster();
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
    return requestRunner.trailers();
  }

  @Override
  public HeaderMap responseTrailers() {
    return responseRunner == null ? null : responseRunner.trailers();
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
    if (!executor().inEventLoop() || callbackDepth == 0) {
      // Outside a stream callback (an HTTP-call response, another thread): after the VM call, as Envoy.
      executor().execute(() -> sendLocalReplyNow(r));
      return;
    }
    if (finished || localReplyStarted || queuedLocalReply != null) {
      log.debug("ignoring a second local response ({}) on one stream", r.status());
      return;
    }
    // Like Envoy, the reply goes out once the current callback has returned.
    queuedLocalReply = r;
  }

  private void sendLocalReplyNow(LocalResponse r) {
    if (finished || localReplyStarted) {
      log.debug("ignoring a second local response ({}) on one stream", r.status());
      return;
    }
    sendReply(LocalReplies.fromPlugin(r));
  }

  @Override
  public HttpStreamHost forFilter(int position) {
    return new FilterStreamView(this, position);
  }

  @Override
  public void continueStream(StreamType type) {
    continueStream(type, -1);
  }

  /** @param filter the continuing filter's index in {@link #filters}, or -1 for the first paused point */
  void continueStream(StreamType type, int filter) {
    boolean requestSide = type == StreamType.HTTP_REQUEST;
    if (!executor().inEventLoop() || callbackDepth == 0) {
      // Outside a stream callback: resume after the VM call returns, as Envoy defers it.
      executor().execute(() -> resume(requestSide, filter));
      return;
    }
    if (requestSide) {
      earlyContinueRequest = true;
    } else {
      earlyContinueResponse = true;
    }
  }

  private void resume(boolean requestSide, int filter) {
    if (finished || (requestSide && localReplyStarted)) {
      return;
    }
    FilterPhaseRunner runner = requestSide ? requestRunner : responseRunner;
    if (runner != null) {
      afterFilters(filter < 0 ? runner.resume() : runner.resume(filter), requestSide);
    }
  }

  @Override
  public void closeStream(StreamType type) {
    if (!executor().inEventLoop() || callbackDepth == 0) {
      executor().execute(() -> reset(null, "wasm_close_stream"));
      return;
    }
    resetRequested = true;
  }

  @Override
  public byte[] property(List<String> path) {
    if (filterState != null) {
      byte[] stored = filterState.get(String.join(".", path));
      if (stored != null) {
        return stored;
      }
    }
    return StreamProperties.get(this, path);
  }

  /**
   * proxy_set_property: like Envoy's filter state, the value lives as long as the stream and is
   * visible to every plugin of the chain after the one that set it. The gateway's own attributes
   * (request.*, source.*, ...) stay read-only.
   */
  @Override
  public boolean setProperty(List<String> path, byte[] value) {
    if (path.isEmpty() || StreamProperties.get(this, path) != null) {
      return false;
    }
    if (filterState == null) {
      filterState = new java.util.HashMap<>(4);
    }
    filterState.put(String.join(".", path), value.clone());
    return true;
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
  public boolean stopped(boolean request) {
    return queuedLocalReply != null || resetRequested || finished || (request && localReplyStarted);
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
