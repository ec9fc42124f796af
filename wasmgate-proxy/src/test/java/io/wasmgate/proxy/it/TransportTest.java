package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.Transport;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.QuickConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data plane on each socket transport, and how the transport is chosen. */
class TransportTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(Transport.PROPERTY);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void proxiesKeepAliveRequestsWithAndWithoutBodies(Transport transport) throws Exception {
    assumeTrue(transport != Transport.EPOLL || Epoll.isAvailable(), "no epoll here");
    StatsStore stats = new StatsStore();
    try (Backend backend = new Backend().start()) {
      GatewayConfig config =
          QuickConfig.of("127.0.0.1:0", List.of("127.0.0.1:" + backend.port()), Map.of(), null).withWorkers(1);
      try (GatewayServer gateway =
              new GatewayServer(config, FilterChainSource.NONE, stats, AccessLog.DISABLED, transport).start();
          RawHttp raw = new RawHttp(gateway.boundAddresses().values().iterator().next().getPort())) {
        raw.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(raw.read().body()).isEqualTo("hello from backend");
        raw.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        RawHttp.Response echoed = raw.read();
        assertThat(echoed.body()).isEqualTo("hello");
        raw.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(raw.read().body()).isEqualTo("hello from backend");

        assertThat(gateway.transport()).isEqualTo(transport);
        assertThat(stats.gauge("server.transport.epoll").get()).isEqualTo(transport == Transport.EPOLL ? 1 : 0);
      }
    }
  }

  @Test
  void propertySelectsNioAndRejectsUnknownValues() {
    System.setProperty(Transport.PROPERTY, "nio");
    assertThat(Transport.select()).isEqualTo(Transport.NIO);

    System.setProperty(Transport.PROPERTY, "auto");
    assertThat(Transport.select()).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);

    System.setProperty(Transport.PROPERTY, "io_uring");
    assertThatThrownBy(Transport::select)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wasmgate.transport")
        .hasMessageContaining("io_uring");
  }
}
