package io.wasmgate.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.proxy.config.ClusterConfig;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.config.ListenerConfig;
import io.wasmgate.proxy.config.RouteConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static ClusterConfig cluster(String name) {
    return new ClusterConfig(name, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
  }

  private final RouteTable table = new RouteTable(
      new ListenerConfig("l", new HostPort("0.0.0.0", 0), List.of(
          new RouteConfig("exact", "*", "/status", null, "b"),
          new RouteConfig("vhost", "Example.COM", null, "/", "b"),
          new RouteConfig("api", "*", null, "/api/", "a"),
          new RouteConfig("fallback", "*", null, "/static", "a"))),
      List.of(cluster("a"), cluster("b")));

  @Test
  void firstMatchWins() {
    assertThat(table.match("example.com", "/status").name()).isEqualTo("exact");
    assertThat(table.match("example.com", "/api/x").name()).isEqualTo("vhost");
    assertThat(table.match("other", "/api/x").name()).isEqualTo("api");
  }

  @Test
  void hostIsCaseInsensitiveAndPortIsIgnored() {
    assertThat(table.match("EXAMPLE.com:8080", "/z").name()).isEqualTo("vhost");
    assertThat(table.match("example.com.evil", "/z")).isNull();
    assertThat(table.match(null, "/z")).isNull();
  }

  @Test
  void exactPathIgnoresTheQueryAndPrefixIsLiteral() {
    assertThat(table.match("h", "/status?full=1").name()).isEqualTo("exact");
    assertThat(table.match("h", "/status/x")).isNull();
    assertThat(table.match("h", "/staticfiles").name()).isEqualTo("fallback");
    assertThat(table.match("h", "/api")).isNull();
  }

  @Test
  void routesKnowTheirClusterIndex() {
    assertThat(table.match("h", "/api/").clusterIndex()).isEqualTo(0);
    assertThat(table.match("h", "/status").clusterIndex()).isEqualTo(1);
  }
}
