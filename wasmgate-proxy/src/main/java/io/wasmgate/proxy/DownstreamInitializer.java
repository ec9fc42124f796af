package io.wasmgate.proxy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.wasmgate.proxy.config.LimitsConfig;
import io.wasmgate.proxy.stream.DownstreamHandler;
import io.wasmgate.proxy.stream.DownstreamTimeouts;

/** Assembles the plain HTTP/1.1 downstream pipeline of one listener; does nothing else. */
final class DownstreamInitializer extends ChannelInitializer<Channel> {
  private final ListenerContext listener;
  private final Workers workers;
  private final HttpDecoderConfig decoderConfig;

  DownstreamInitializer(ListenerContext listener, Workers workers) {
    this.listener = listener;
    this.workers = workers;
    LimitsConfig limits = listener.limits();
    decoderConfig =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(limits.maxRequestLineBytes())
            .setMaxHeaderSize(limits.maxHeaderBytes());
  }

  @Override
  protected void initChannel(Channel ch) {
    LimitsConfig limits = listener.limits();
    DownstreamTimeouts timeouts =
        new DownstreamTimeouts(limits.requestHeadersTimeout().toMillis(), limits.idleTimeout().toMillis());
    ChannelPipeline p = ch.pipeline();
    p.addLast("timeouts", timeouts);
    p.addLast("codec", new HttpServerCodec(decoderConfig.clone()));
    p.addLast("expect-continue", new HttpServerExpectContinueHandler());
    p.addLast("stream", new DownstreamHandler(listener, workers.of(ch.eventLoop()), timeouts));
  }
}
