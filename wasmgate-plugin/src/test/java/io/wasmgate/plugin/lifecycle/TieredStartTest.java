package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.ProxyWasmHost;
import io.wasmgate.host.VmLimits;
import io.wasmgate.plugin.EnginePolicy;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiered start: a plugin's first version serves on the interpreter while its module compiles, then
 * every worker moves to the compiled code without failing a stream. Real modules, real compiles,
 * into a compiled-code cache of the test's own; a latch holds the background compile where a test
 * needs to look at the interpreter phase.
 */
class TieredStartTest extends ManagerFixture {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path cacheDir;
  private final CountDownLatch compileMayFinish = new CountDownLatch(1);
  private volatile boolean compileFails;
  /** How many VMs the plugin had when its background compile began. */
  private volatile Long vmsWhenCompileBegan;

  private CompileCache cache() {
    return CompileCache.at(cacheDir);
  }

  /** The real host, with the test's cache; compiles wait for the latch. */
  private TieredModuleLoader.Host host() {
    return (wasm, sha256, engine) -> {
      if (engine == EngineKind.COMPILER) {
        vmsWhenCompileBegan = gauge("wasm.plugin.vms", "default.a");
        try {
          compileMayFinish.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (compileFails) {
          throw new PluginLoadException("cannot compile wasm module: injected by the test");
        }
      }
      return ProxyWasmHost.load(wasm, sha256, engine, cache());
    };
  }

  private void startTiered() throws Exception {
    TieredModuleLoader loader = new TieredModuleLoader(EnginePolicy.TIERED, host(),
        sha256 -> WasmEngine.of(EngineKind.COMPILER, cache()).hasCompiledCode(sha256));
    manager = new PluginManager(dir, GATEWAY_LABELS, WORKERS, loader, stats, HostServices.NONE, System::getenv,
        VmLimits.DEFAULT, RemoteModules.defaults());
    manager.start();
  }

  private List<String> tags(int worker) {
    return new TestStream("/get").run(manager.chainFor(8080), worker).requestValues("x-chain");
  }

  @Test
  void aFirstVersionServesOnTheInterpreterThenEveryWorkerMovesToTheCompiledCode() throws Exception {
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a"));
    startTiered();

    assertThat(status("a").engine()).isEqualTo("interpreter (compiling)");
    assertThat(tags(0)).containsExactly("a");
    assertThat(tags(1)).containsExactly("a");

    compileMayFinish.countDown();
    await().atMost(WAIT).until(() -> {
      // Every stream during the move is served by the plugin, on whichever VM the worker has.
      assertThat(tags(0)).containsExactly("a");
      assertThat(tags(1)).containsExactly("a");
      return status("a").engine().equals("compiler");
    });

    assertThat(status("a").vmCount()).isEqualTo(WORKERS);
    assertThat(status("a").lastError()).isNull();
    assertThat(counter("wasm.plugin.failures", "default.a")).isZero();
    await().atMost(WAIT).until(() -> gauge("wasm.plugin.vms", "default.a") == WORKERS); // interpreter VMs closed
    assertThat(WasmEngine.of(EngineKind.COMPILER, cache()).hasCompiledCode(status("a").sha256()))
        .as("the compile filled the cache").isTrue();
  }

  @Test
  void theCompileBeginsOnlyOnceEveryWorkerHasStartedItsVm() throws Exception {
    compileMayFinish.countDown();
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a"));
    startTiered();

    await().atMost(WAIT).until(() -> vmsWhenCompileBegan != null);
    assertThat(vmsWhenCompileBegan).as("a compile beside the VM starts would slow them down").isEqualTo((long) WORKERS);
  }

  @Test
  void compiledCodeAlreadyInTheCacheServesFromTheStart() throws Exception {
    ProxyWasmHost.load(Files.readAllBytes(Fixtures.CHAIN_MARKER), EngineKind.COMPILER, cache());
    compileMayFinish.countDown();
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a"));
    startTiered();

    assertThat(status("a").engine()).isEqualTo("compiler");
    assertThat(tags(0)).containsExactly("a");
  }

  @Test
  void anUpdateIsCompiledBeforeItReplacesTheServingVersion() throws Exception {
    compileMayFinish.countDown();
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "v1"));
    startTiered();
    await().atMost(WAIT).until(() -> {
      tags(0);
      tags(1);
      return status("a").engine().equals("compiler");
    });

    // A module the cache has never seen: the update must not drop the plugin to the interpreter.
    Fixtures.write(dir, "a.yaml", Fixtures.plugin("a", Fixtures.HEADER_AUTHORIZATION));
    await().atMost(WAIT).until(() -> new TestStream("/get").run(manager.chainFor(8080), 0).status() == 403);

    assertThat(status("a").engine()).isEqualTo("compiler");
  }

  @Test
  void aFailedCompileLeavesThePluginServingOnTheInterpreter() throws Exception {
    compileFails = true;
    compileMayFinish.countDown();
    Fixtures.write(dir, "a.yaml", Fixtures.marker("a", "a"));
    startTiered();

    await().atMost(WAIT).until(() -> status("a").engine().equals("interpreter"));
    assertThat(status("a").lastError())
        .isEqualTo("compiling failed, the plugin stays on the interpreter: cannot compile wasm module: injected by the test");
    assertThat(tags(0)).containsExactly("a");
    assertThat(tags(1)).containsExactly("a");
    assertThat(status("a").state()).isEqualTo("ACTIVE");
  }

  @Test
  void policiesParseFromTheirNames() {
    assertThat(EnginePolicy.parse("Tiered")).isEqualTo(EnginePolicy.TIERED);
    assertThat(EnginePolicy.parse("interpreter").engine()).isEqualTo(EngineKind.INTERPRETER);
    assertThat(EnginePolicy.TIERED.engine()).isEqualTo(EngineKind.COMPILER);
    assertThatThrownBy(() -> EnginePolicy.parse("jit"))
        .hasMessage("unknown engine \"jit\" (expected tiered, compiler or interpreter)");
  }
}
