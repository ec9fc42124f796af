package io.wasmgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wasmgate.observability.AccessLogEntry;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.config.LimitsConfig;
import io.wasmgate.proxy.config.ListenerConfig;
import io.wasmgate.proxy.config.RouteConfig;
import io.wasmgate.proxy.route.RouteTable;
import io.wasmgate.proxy.upstream.ClusterStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The downstream pipeline on an EmbeddedChannel: rejections, timeouts and routing misses. */
class DownstreamPipelineTest {
  private final StatsStore stats = new StatsStore();
  private final List<AccessLogEntry> logged = new ArrayList<>();
  private EmbeddedChannel ch;

  @BeforeEach
  void setUp() {
    ClusterConfig cluster =
        new ClusterConfig("c", List.of(new HostPort("127.0.0.1", 9)), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
    ListenerConfig listener =
        new ListenerConfig("l", new HostPort("127.0.0.1", 0), List.of(new RouteConfig("r", "*", null, "/api", "c")));
    LimitsConfig limits = new LimitsConfig(2048, 256, Duration.ofSeconds(10), Duration.ofSeconds(300), 1024 * 1024);
    ListenerContext ctx =
        new ListenerContext("l", 8080, new RouteTable(listener, List.of(cluster)), FilterChainSource.NONE,
            new ProxyStats(stats), logged::add, limits);
    ch = new EmbeddedChannel();
    Workers workers = new Workers(List.of(ch.eventLoop()), Transport.NIO, List.of(cluster), new ClusterStats[] {new ClusterStats(stats, "c")});
    ch.pipeline().addLast(new DownstreamInitializer(ctx, workers));
  }

  private String written() {
    StringBuilder b = new StringBuilder();
    ByteBuf buf;
    while ((buf = ch.readOutbound()) != null) {
      b.append(buf.toString(StandardCharsets.US_ASCII));
      buf.release();
    }
    return b.toString();
  }

  private void send(String raw) {
    ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.US_ASCII));
  }

  @Test
  void malformedRequestGets400AndClose() {
    send("GARBAGE\r\n\r\n");

    assertThat(written()).startsWith("HTTP/1.1 400 Bad Request").contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
    assertThat(logged).singleElement().satisfies(e -> {
      assertThat(e.responseCode()).isEqualTo(400);
      assertThat(e.responseFlags()).isEqualTo("DPE");
    });
    assertThat(stats.counter("http.downstream_rq_4xx").sum()).isEqualTo(1);
  }

  @Test
  void oversizedHeadersGet431() {
    send("GET /api HTTP/1.1\r\nHost: a\r\nx-big: " + "b".repeat(3000) + "\r\n\r\n");

    assertThat(written()).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void oversizedRequestLineGets431() {
    send("GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(written()).startsWith("HTTP/1.1 431");
  }

  @Test
  void slowHeadersGet408() {
    send("GET /api HTTP/1.1\r\nHost: a\r\n");
    ch.advanceTimeBy(11, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(written()).startsWith("HTTP/1.1 408 Request Timeout");
    assertThat(ch.isOpen()).isFalse();
    assertThat(stats.counter("http.downstream_rq_header_timeout").sum()).isEqualTo(1);
  }

  @Test
  void idleConnectionIsClosed() {
    ch.advanceTimeBy(301, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(ch.isOpen()).isFalse();
    assertThat(written()).isEmpty();
  }

  @Test
  void idleTimeoutCountsFromTheEndOfTheLastRequest() {
    send("GET /other HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(written()).startsWith("HTTP/1.1 404");
    ch.advanceTimeBy(200, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    send("GET /other HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(written()).startsWith("HTTP/1.1 404");

    ch.advanceTimeBy(200, TimeUnit.SECONDS); // 400 s after the first request, 200 s after the last
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isTrue();

    ch.advanceTimeBy(101, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isFalse();
    assertThat(stats.counter("http.downstream_cx_idle_timeout").sum()).isEqualTo(1);
  }

  @Test
  void slowHeadersOfALaterRequestOnAKeepAliveConnectionGet408() {
    send("GET /other HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(written()).startsWith("HTTP/1.1 404");
    ch.advanceTimeBy(9, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    send("GET /api HTTP/1.1\r\n");
    ch.advanceTimeBy(9, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(written()).isEmpty(); // 9 s into this request's headers: still in time

    ch.advanceTimeBy(2, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(written()).startsWith("HTTP/1.1 408 Request Timeout");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void unroutedRequestGets404AndTheConnectionStaysOpen() {
    send("GET /other HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(written()).startsWith("HTTP/1.1 404 Not Found").doesNotContain("connection: close");
    assertThat(ch.isOpen()).isTrue();
    assertThat(logged).singleElement().satisfies(e -> assertThat(e.responseFlags()).isEqualTo("NR"));

    send("GET /other HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    ch.runPendingTasks();
    assertThat(written()).startsWith("HTTP/1.1 404").contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
  }
}
