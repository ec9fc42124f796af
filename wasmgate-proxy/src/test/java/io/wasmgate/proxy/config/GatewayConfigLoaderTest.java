package io.wasmgate.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class GatewayConfigLoaderTest {
  static final String FULL =
      """
      labels: {istio: ingressgateway}
      admin: {address: 127.0.0.1:15000}
      pluginsDir: ./plugins
      accessLog: {path: /dev/stdout}
      listeners:
      - name: http-8080
        address: 127.0.0.1:8080
        routes:
        - name: httpbin
          match: {prefix: /}
          cluster: httpbin
        - name: exact
          match: {path: /exact, host: example.com}
          cluster: httpbin
      clusters:
      - name: httpbin
        endpoints: [127.0.0.1:8000]
        connectTimeout: 250ms
        timeout: 15s
        maxConnectionsPerWorker: 64
      limits: {maxHeaderBytes: 61440, maxRequestLineBytes: 8192, requestHeadersTimeout: 10s, idleTimeout: 1m}
      """;

  @Test
  void readsRemoteModulesRelativeToTheFile() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(FULL + """
        remoteModules:
          cacheDir: cache
          secretsDir: /etc/wasmgate/secrets
          insecureRegistries: [127.0.0.1:5000, registry.local]
          caFile: ca.pem
          fetchTimeout: 5s
        """, Path.of("/etc/gw"));

    assertThat(c.remoteModules()).isEqualTo(new RemoteModulesConfig(Path.of("/etc/gw/cache"),
        Path.of("/etc/wasmgate/secrets"), List.of("127.0.0.1:5000", "registry.local"), Path.of("/etc/gw/ca.pem"),
        Duration.ofSeconds(5)));
    assertThat(GatewayConfigLoader.parse(FULL, null).remoteModules()).isEqualTo(RemoteModulesConfig.DEFAULTS);
    assertThatThrownBy(() -> GatewayConfigLoader.parse(FULL + "remoteModules: {insecureRegistries: [http://x/y]}\n", null))
        .hasMessage("remoteModules.insecureRegistries[0]: expected a registry host[:port], got \"http://x/y\"");
    assertThatThrownBy(() -> GatewayConfigLoader.parse(FULL + "remoteModules: {cache: x}\n", null))
        .hasMessageContaining("remoteModules.cache");
  }

  @Test
  void readsTheDocumentedExample() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(FULL, Path.of("/etc/gw"));

    assertThat(c.labels()).isEqualTo(Map.of("istio", "ingressgateway"));
    assertThat(c.adminAddress()).isEqualTo(new HostPort("127.0.0.1", 15000));
    assertThat(c.pluginsDir()).isEqualTo(Path.of("/etc/gw/plugins"));
    assertThat(c.accessLogPath()).isEqualTo("/dev/stdout");
    assertThat(c.listeners()).singleElement().satisfies(l -> {
      assertThat(l.address()).isEqualTo(new HostPort("127.0.0.1", 8080));
      assertThat(l.routes()).containsExactly(
          new RouteConfig("httpbin", "*", null, "/", "httpbin"),
          new RouteConfig("exact", "example.com", "/exact", null, "httpbin"));
    });
    assertThat(c.clusters()).containsExactly(
        new ClusterConfig("httpbin", List.of(new HostPort("127.0.0.1", 8000)), Duration.ofMillis(250), Duration.ofSeconds(15), 64));
    assertThat(c.limits()).isEqualTo(new LimitsConfig(61440, 8192, Duration.ofSeconds(10), Duration.ofMinutes(1), 1024 * 1024));
  }

  @Test
  void appliesDefaults() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(
        "listeners: [{address: ':8080', routes: [{match: {prefix: /}, cluster: a}]}]\nclusters: [{name: a, endpoints: ['h:1']}]",
        null);

    assertThat(c.listeners().get(0).name()).isEqualTo("http-8080");
    assertThat(c.listeners().get(0).address()).isEqualTo(new HostPort("0.0.0.0", 8080));
    assertThat(c.listeners().get(0).routes().get(0).name()).isEqualTo("http-8080-0");
    assertThat(c.clusters().get(0).connectTimeout()).isEqualTo(ClusterConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(c.limits()).isEqualTo(LimitsConfig.DEFAULTS);
    assertThat(c.adminAddress()).isEqualTo(GatewayConfig.DEFAULT_ADMIN_ADDRESS);
    assertThat(c.effectiveWorkers()).isPositive();
  }

  static Stream<Arguments> badConfigs() {
    String l = "listeners: [{address: ':1'}]\n";
    return Stream.of(
        arguments(
            "listeners: [{address: ':1', routes: [{match: {prefix: /}, cluster: a}, {match: {prefix: /}, cluster: x}]}]\n"
                + "clusters: [{name: a}]",
            "listeners[0].routes[1].cluster: unknown cluster \"x\""),
        arguments("listeners: [{address: ':1', rutes: []}]", "listeners[0].rutes: unknown field"),
        arguments(l + "clusters: [{name: a, timeout: 5 seconds}]", "clusters[0].timeout: \"5 seconds\" has an unknown unit"),
        arguments(l + "clusters: [{name: a, endpoints: [nohost]}]", "clusters[0].endpoints[0]: \"nohost\" is not host:port"),
        arguments(
            "listeners: [{address: ':1', routes: [{match: {prefix: /, path: /a}, cluster: a}]}]",
            "listeners[0].routes[0].match: needs exactly one of prefix or path"),
        arguments(
            "listeners: [{address: ':1', routes: [{match: {prefix: a}, cluster: a}]}]",
            "listeners[0].routes[0].match.prefix: must start with /"),
        arguments(l + "limits: {maxHeaderBytes: lots}", "limits.maxHeaderBytes: must be an integer"),
        arguments("listeners: []", "listeners: at least one listener is required"),
        arguments(l + "clusters: [{name: a}, {name: a}]", "clusters[1].name: duplicate cluster \"a\""),
        arguments(l + "foo: 1", "foo: unknown field"),
        arguments("listeners: [{address: ':99999'}]", "listeners[0].address: port 99999 is out of range"),
        arguments("listeners: [{address: ':1'}]\nlabels: [a]", "labels: must be a mapping of strings"),
        arguments("- a\n- b", "the document must be a mapping"));
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void namesTheFieldThatIsWrong(String yaml, String message) {
    assertThatThrownBy(() -> GatewayConfigLoader.parse(yaml, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void quickFormBuildsTheSameRecords() throws Exception {
    GatewayConfig c = QuickConfig.of("127.0.0.1:8080", List.of("127.0.0.1:8000", "127.0.0.1:8001"), Map.of("app", "gw"), null);

    assertThat(c.listeners()).singleElement().satisfies(l -> {
      assertThat(l.address()).isEqualTo(new HostPort("127.0.0.1", 8080));
      assertThat(l.routes()).containsExactly(new RouteConfig("default", "*", null, "/", "upstream"));
    });
    assertThat(c.clusters().get(0).endpoints()).hasSize(2);
    assertThat(c.labels()).containsEntry("app", "gw");
    assertThatThrownBy(() -> QuickConfig.of("8080", List.of(), Map.of(), null))
        .hasMessage("--upstream: at least one upstream is required");
  }
}
