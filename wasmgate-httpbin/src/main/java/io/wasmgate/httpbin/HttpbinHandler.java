package io.wasmgate.httpbin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one aggregated request at a time on its connection; HttpServerKeepAliveHandler does keep-alive. */
final class HttpbinHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpbinHandler.class);

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      send(ctx, request, HttpbinResponse.badRequest("Malformed HTTP request"));
      return;
    }
    HttpbinRoutes.Answer answer;
    try {
      answer = HttpbinRoutes.route(request, (InetSocketAddress) ctx.channel().remoteAddress());
    } catch (Exception e) {
      LOG.warn("httpbin could not answer {} {}", request.method(), request.uri(), e);
      answer = HttpbinRoutes.Answer.now(
          HttpbinResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "500 Internal Server Error\n"));
    }
    if (answer.delayMillis() == 0) {
      send(ctx, request, answer.response());
      return;
    }
    // /delay waits on the event loop's timer, never by blocking the thread.
    FullHttpRequest retained = request.retainedDuplicate();
    HttpbinResponse response = answer.response();
    ctx.executor().schedule(() -> {
      try {
        send(ctx, retained, response);
      } finally {
        retained.release();
      }
    }, answer.delayMillis(), TimeUnit.MILLISECONDS);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpbinResponse answer) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.SERVER, "wasmgate-httpbin");
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    if (answer.contentType() != null) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    }
    answer.headers().forEach(headers::set);
    HttpUtil.setContentLength(response, answer.body().length);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    ctx.writeAndFlush(response);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("httpbin connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
