package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.plugin.FilterChain;
import io.wasmgate.plugin.StreamFilter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watched directory: changes take effect without a restart; mistakes never take plugins down. */
class HotReloadTest extends ManagerFixture {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private List<String> tags() {
    return request(8080).requestValues("x-chain");
  }

  @Test
  void addsChangesAndRemovesPluginsAsFilesChange() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a", "phase: AUTHN"));
    start();
    assertThat(tags()).containsExactly("a");

    Fixtures.write(dir, "b.yml", Fixtures.marker("b", "b1", "phase: STATS"));
    await().atMost(WAIT).until(() -> tags().equals(List.of("a", "b1")));

    Fixtures.write(dir, "b.yml", Fixtures.marker("b", "b2", "phase: AUTHN", "priority: 5"));
    await().atMost(WAIT).until(() -> tags().equals(List.of("b2", "a")));

    Files.delete(dir.resolve("a.yaml"));
    await().atMost(WAIT).until(() -> tags().equals(List.of("b2")));
    assertThat(manager.plugins()).extracting(p -> p.name()).containsExactly("b");
    await().atMost(WAIT).until(() -> gauge("wasm.plugin.vms", "default.a") == 0); // after the retire grace
  }

  @Test
  void closingTheManagerClosesEveryVmAtOnce() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a"));
    start();
    assertThat(tags()).containsExactly("a");
    assertThat(gauge("wasm.plugin.vms", "default.a")).isEqualTo(WORKERS);

    manager.close(); // a gateway stopping does not wait out the retire grace

    assertThat(gauge("wasm.plugin.vms", "default.a")).isZero();
  }

  @Test
  void anInvalidEditKeepsThePreviousVersionServing() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v1"));
    Fixtures.write(dir, "other.yaml", Fixtures.marker("other", "other", "phase: STATS"));
    start();

    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v2", "phase: AUTHX"));
    await().atMost(WAIT).until(() -> !manager.configErrors().isEmpty());

    assertThat(manager.configErrors()).singleElement().asString()
        .contains(dir.resolve("a.yaml") + " document 1 (default/a): spec.phase: unknown value \"AUTHX\"");
    assertThat(status("a").lastError()).contains("spec.phase");
    assertThat(tags()).containsExactly("other", "v1");

    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v3"));
    await().atMost(WAIT).until(() -> tags().equals(List.of("other", "v3")));
    assertThat(manager.configErrors()).isEmpty();
  }

  @Test
  void aFailingUpdateKeepsThePreviousVersionServing() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v1"));
    start();
    String servingSha = status("a").sha256();

    Fixtures.write(dir, "a.yaml", Fixtures.plugin("a", Fixtures.CHAIN_MARKER, "pluginConfig: {notag: true}"));
    await().atMost(WAIT).until(() -> status("a").state().equals("FAILED"));

    assertThat(status("a").lastError()).startsWith("update failed, previous version (sha256 " + servingSha + ")");
    assertThat(status("a").sha256()).isEqualTo(servingSha);
    assertThat(status("a").vmCount()).isEqualTo(WORKERS);
    assertThat(tags()).containsExactly("v1");
  }

  @Test
  void streamsKeepTheChainTheyCaptured() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "old"));
    start();
    TestStream inFlight = new TestStream("/slow");
    FilterChain captured = manager.chainFor(8080);
    List<StreamFilter> filters = captured.createFilters(1, inFlight);

    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "new"));
    await().atMost(WAIT).until(() -> tags().equals(List.of("new")));

    filters.get(0).onRequestHeaders(inFlight.requestHeaders.size(), true);
    filters.forEach(StreamFilter::close);
    assertThat(inFlight.requestValues("x-chain")).containsExactly("old");
    assertThat(new TestStream("/later").run(captured, 0).requestValues("x-chain")).containsExactly("old");
  }
}
