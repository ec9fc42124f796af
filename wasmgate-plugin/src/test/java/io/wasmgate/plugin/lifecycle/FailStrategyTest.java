package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasmgate.plugin.PluginStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Modules that cannot load and plugins that trap, under each failStrategy. */
class FailStrategyTest extends ManagerFixture {
  private static final Duration WAIT = Duration.ofSeconds(15);

  static Stream<Arguments> unloadableModules() {
    return Stream.of(
        Arguments.of(Fixtures.NO_ABI_MARKER, ""),
        Arguments.of(Fixtures.MISSING_IMPORT, ""),
        Arguments.of(Fixtures.CONFIGURE_FAILS, ""),
        Arguments.of(Fixtures.CHAIN_MARKER, ""), // configure refuses: no tag in pluginConfig
        Arguments.of(Fixtures.PLUGINS.resolve("wat/does-not-exist.wasm"), ""),
        Arguments.of(Fixtures.CHAIN_MARKER, "sha256: " + "0".repeat(64)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unloadableModules")
  void failCloseDeniesEveryRequestWhenTheModuleCannotLoad(Path module, String extra) throws Exception {
    Fixtures.write(dir, "p.yaml", extra.isEmpty()
        ? Fixtures.plugin("broken", module) : Fixtures.plugin("broken", module, extra));
    start();

    PluginStatus status = status("broken");
    assertThat(status.state()).isEqualTo("FAILED");
    assertThat(status.lastError()).startsWith(dir.resolve("p.yaml") + " document 1: ");
    assertThat(status.vmCount()).isZero();
    assertThat(counter("wasm.plugin.load_failures", "default.broken")).isEqualTo(1);
    TestStream stream = request(8080);
    assertThat(stream.status()).isEqualTo(503);
    assertThat(stream.localResponse.details()).isEqualTo("wasm_fail_stream");
  }

  @Test
  void explainsWhyAModuleCannotLoad() throws Exception {
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        Fixtures.plugin("missing", Fixtures.PLUGINS.resolve("wat/does-not-exist.wasm")),
        Fixtures.plugin("sha", Fixtures.CHAIN_MARKER, "sha256: " + "0".repeat(64))));
    start();

    assertThat(status("missing").lastError()).contains("cannot read module").contains("does-not-exist.wasm");
    assertThat(status("sha").lastError()).contains("sha256 mismatch").contains("0".repeat(64));
  }

  @Test
  void failOpenSkipsAPluginThatCannotLoad() throws Exception {
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        Fixtures.plugin("broken", Fixtures.NO_ABI_MARKER, "failStrategy: FAIL_OPEN"),
        Fixtures.marker("ok", "ok")));
    start();

    TestStream stream = request(8080);
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.requestValues("x-chain")).containsExactly("ok");
    assertThat(status("broken").state()).isEqualTo("FAILED");
  }

  @Test
  void failCloseAnswers503OnATrapAndReplacesTheVmInTheBackground() throws Exception {
    Fixtures.write(dir, "p.yaml", Fixtures.plugin("trap", Fixtures.TRAP_ON_REQUEST));
    start();

    TestStream first = request(8080);
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.localResponse.details()).isEqualTo("wasm_fail_stream");
    assertThat(first.responseHeaders).isNull();
    assertThat(counter("wasm.plugin.traps", "default.trap")).isEqualTo(1);
    assertThat(status("trap").lastError()).contains("wasm trap in proxy_on_request_headers");

    await().atMost(WAIT).until(() -> {
      request(8080); // the worker swaps the rebuilt VM in when a stream starts
      return counter("wasm.plugin.reloads", "default.trap") == 1;
    });
    assertThat(counter("wasm.plugin.traps", "default.trap")).isGreaterThanOrEqualTo(2);
    assertThat(request(8080).status()).isEqualTo(503);
    assertThat(gauge("wasm.plugin.vms", "default.trap")).isEqualTo(WORKERS);
  }

  @Test
  void failOpenContinuesWithoutATrappingPlugin() throws Exception {
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        Fixtures.plugin("trap", Fixtures.TRAP_ON_REQUEST, "failStrategy: FAIL_OPEN", "phase: AUTHN"),
        Fixtures.marker("after", "after", "phase: STATS")));
    start();

    for (int i = 0; i < 5; i++) {
      TestStream stream = request(8080);
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.requestValues("x-chain")).containsExactly("after");
    }
    assertThat(counter("wasm.plugin.traps", "default.trap")).isPositive();
    assertThat(counter("wasm.plugin.traps", "default.after")).isZero();
  }

  @Test
  void failReloadGivesTheNextStreamAFreshVmThenBacksOff() throws Exception {
    Fixtures.write(dir, "p.yaml", Fixtures.plugin("trap", Fixtures.TRAP_ON_REQUEST, "failStrategy: FAIL_RELOAD"));
    start();

    assertThat(request(8080).status()).isEqualTo(503);
    assertThat(status("trap").vmCount()).isEqualTo(WORKERS - 1);

    assertThat(request(8080).status()).isEqualTo(503); // the fresh VM traps again
    assertThat(counter("wasm.plugin.reloads", "default.trap")).isEqualTo(1);
    assertThat(counter("wasm.plugin.traps", "default.trap")).isEqualTo(2);

    assertThat(request(8080).status()).isEqualTo(503); // a crash loop: the next reload waits ~1 s
    assertThat(counter("wasm.plugin.reloads", "default.trap")).isEqualTo(1);
    assertThat(counter("wasm.plugin.traps", "default.trap")).isEqualTo(2);
    assertThat(status("trap").reloads()).isEqualTo(1);
    assertThat(status("trap").traps()).isEqualTo(2);

    await().atMost(WAIT).until(() -> {
      request(8080);
      return counter("wasm.plugin.reloads", "default.trap") == 2;
    });
  }
}
