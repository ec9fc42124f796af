package io.wasmgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.observability.AccessLog;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.proxy.GatewayServer;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.QuickConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayLifecycleTest {
  @Test
  void quickFormServesAndClosesGracefully() throws Exception {
    try (Backend backend = new Backend().start()) {
      GatewayConfig config =
          QuickConfig.of("127.0.0.1:0", List.of("127.0.0.1:" + backend.port()), Map.of(), null).withWorkers(1);
      GatewayServer gateway = new GatewayServer(config, FilterChainSource.NONE, new StatsStore(), AccessLog.DISABLED).start();
      InetSocketAddress bound = gateway.boundAddresses().values().iterator().next();
      assertThat(bound.getPort()).isPositive();
      assertThat(gateway.workers()).isEqualTo(1);

      try (RawHttp raw = new RawHttp(bound.getPort())) {
        raw.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(raw.read().body()).isEqualTo("hello from backend");
        gateway.close(); // the idle keep-alive connection is closed by the drain
        assertThat(raw.closedByPeer()).isTrue();
      }
      assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", bound.getPort()).close()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void portInUseIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      GatewayConfig config = QuickConfig.of("127.0.0.1:" + taken.getLocalPort(), List.of("127.0.0.1:1"), Map.of(), null);
      GatewayServer gateway = new GatewayServer(config, FilterChainSource.NONE, new StatsStore(), AccessLog.DISABLED);

      assertThatThrownBy(gateway::start).isInstanceOf(IOException.class).hasMessageContaining("cannot bind");
    }
  }
}
