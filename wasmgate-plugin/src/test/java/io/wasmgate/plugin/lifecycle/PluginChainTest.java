package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.PluginStatus;
import org.junit.jupiter.api.Test;

/** Real plugins through the chain: order, configuration, environment, workers, applicability. */
class PluginChainTest extends ManagerFixture {

  @Test
  void runsPluginsInIstioOrderAndResponsesInReverse() throws Exception {
    Fixtures.write(dir, "plugins.yaml", String.join("---\n",
        Fixtures.marker("stats", "stats", "phase: STATS"),
        Fixtures.marker("unspecified", "unspecified"),
        Fixtures.marker("authz-low", "authz-low", "phase: AUTHZ", "priority: 1"),
        Fixtures.marker("authz-high", "authz-high", "phase: AUTHZ", "priority: 10"),
        Fixtures.marker("authn", "authn", "phase: AUTHN")));
    start();

    TestStream stream = request(8080);

    assertThat(stream.requestValues("x-chain"))
        .containsExactly("authn", "authz-high", "authz-low", "stats", "unspecified");
    assertThat(stream.responseValues("x-chain-response"))
        .containsExactly("unspecified", "stats", "authz-low", "authz-high", "authn");
    assertThat(manager.plugins()).extracting(PluginStatus::name)
        .containsExactly("authn", "authz-high", "authz-low", "stats", "unspecified");
  }

  @Test
  void startsOneVmPerWorkerAndServesEachWorker() throws Exception {
    Fixtures.write(dir, "m.yaml", Fixtures.marker("m", "m"));
    start();

    for (int worker = 0; worker < WORKERS; worker++) {
      assertThat(new TestStream("/").run(manager.chainFor(8080), worker).requestValues("x-chain")).containsExactly("m");
    }
    PluginStatus status = status("m");
    assertThat(status.state()).isEqualTo("ACTIVE");
    assertThat(status.vmCount()).isEqualTo(WORKERS);
    assertThat(status.sha256()).isEqualTo(io.wasmgate.runtime.ModuleDigest.sha256(java.nio.file.Files.readAllBytes(Fixtures.CHAIN_MARKER)));
    assertThat(status.memoryBytes()).isPositive();
    assertThat(gauge("wasm.plugin.vms", "default.m")).isEqualTo(WORKERS);
    assertThat(counter("wasm.plugin.calls", "default.m")).isPositive();
  }

  @Test
  void passesInlineAndHostEnvironment() throws Exception {
    Fixtures.write(dir, "env.yaml", String.join("---\n",
        Fixtures.marker("inline", "inline", "vmConfig: {env: [{name: WASMGATE_TEST_ENV, value: written-inline}]}"),
        Fixtures.marker("host", "host", "vmConfig: {env: [{name: WASMGATE_TEST_ENV, valueFrom: HOST}]}"),
        Fixtures.marker("none", "none")));
    start();

    TestStream stream = request(8080);

    assertThat(stream.responseValues("x-env-inline")).containsExactly("written-inline");
    assertThat(stream.responseValues("x-env-host")).containsExactly("from-host"); // set by surefire
    assertThat(stream.responseValues("x-env-none")).isEmpty();
  }

  @Test
  void selectorAndMatchDecideWhereAPluginRuns() throws Exception {
    Fixtures.write(dir, "a.yaml", String.join("---\n",
        Fixtures.marker("selected", "selected", "selector: {matchLabels: {istio: ingressgateway}}"),
        Fixtures.marker("other-gateway", "other", "selector: {matchLabels: {istio: egressgateway}}"),
        Fixtures.marker("server-only", "server", "match: [{mode: SERVER}]"),
        Fixtures.marker("port-9090", "p9090", "match: [{mode: CLIENT, ports: [{number: 9090}]}]")));
    start();

    assertThat(request(8080).requestValues("x-chain")).containsExactly("selected");
    assertThat(request(9090).requestValues("x-chain")).containsExactly("p9090", "selected");
    assertThat(status("other-gateway").state()).isEqualTo("SKIPPED");
    assertThat(status("server-only").state()).isEqualTo("SKIPPED");
    assertThat(status("other-gateway").vmCount()).isZero();
    assertThat(status("port-9090").state()).isEqualTo("ACTIVE");
  }

  @Test
  void headerAuthorizationDeniesWithItsOwnResponse() throws Exception {
    Fixtures.write(dir, "auth.yaml", Fixtures.plugin("auth", Fixtures.HEADER_AUTHORIZATION, "phase: AUTHZ"));
    start();

    assertThat(request(8080, "allow", "true").status()).isEqualTo(200);
    TestStream denied = request(8080, "allow", "no");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.localResponse.details()).isNotEqualTo(FailClosedResponse.DETAILS);
  }

  @Test
  void noPluginsMeansAnEmptyChain() throws Exception {
    start();

    assertThat(manager.chainFor(8080)).isSameAs(FilterChain.EMPTY);
    assertThat(manager.plugins()).isEmpty();
  }
}
