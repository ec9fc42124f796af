package io.wasmgate.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request to its endpoint by exact path. A method the endpoint does not accept gets 405
 * (Envoy's rule: mutations must be POST). Blocking endpoints run on {@code worker} with reads paused
 * on the connection, so responses keep request order.
 */
@Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);

  private final Map<String, AdminEndpoint> endpoints;
  private final HelpHandler help;
  private final ExecutorService worker;

  AdminHttpHandler(Map<String, AdminEndpoint> endpoints, HelpHandler help, ExecutorService worker) {
    this.endpoints = endpoints;
    this.help = help;
    this.worker = worker;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    if (!http.decoderResult().isSuccess()) {
      send(ctx, AdminResponse.text(400, "error: malformed request\n"), false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(http.uri());
    String method = http.method().name();
    AdminRequest request = new AdminRequest(method, uri.path(), uri.parameters(),
        http.content().toString(StandardCharsets.UTF_8));
    AdminEndpoint endpoint = endpoints.get(uri.path());
    if (endpoint == null) {
      send(ctx, help.notFound(request), keepAlive);
    } else if (!endpoint.methods().contains(method)) {
      String allowed = String.join(" or ", endpoint.methods().stream().sorted().toList());
      send(ctx, AdminResponse.text(405, "Method " + method + " not allowed, " + allowed + " required.\n"),
          keepAlive);
    } else if (endpoint.blocking()) {
      ctx.channel().config().setAutoRead(false);
      try {
        worker.execute(() -> {
          send(ctx, run(endpoint, request), keepAlive);
          ctx.channel().config().setAutoRead(true);
        });
      } catch (RejectedExecutionException e) {
        send(ctx, AdminResponse.text(503, "error: the admin server is shutting down\n"), false);
      }
    } else {
      send(ctx, run(endpoint, request), keepAlive);
    }
  }

  private static AdminResponse run(AdminEndpoint endpoint, AdminRequest request) {
    try {
      return endpoint.handler().handle(request);
    } catch (RuntimeException e) {
      LOG.warn("admin {} {} failed", request.method(), request.path(), e);
      return AdminResponse.text(500, "error: " + e + "\n");
    }
  }

  private static void send(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
    ByteBuf body = Unpooled.copiedBuffer(response.body(), StandardCharsets.UTF_8);
    FullHttpResponse http = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), body);
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, max-age=0")
        .set("x-content-type-options", "nosniff");
    if (!keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var written = ctx.writeAndFlush(http);
    if (response.afterSent() != null) {
      written.addListener(f -> response.afterSent().run());
    }
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("admin connection failed", cause);
    ctx.close();
  }
}
