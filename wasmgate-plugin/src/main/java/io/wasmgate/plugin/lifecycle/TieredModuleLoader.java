package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.ProxyWasmHost;
import io.wasmgate.plugin.EnginePolicy;
import io.wasmgate.runtime.EngineKind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads modules per {@link EnginePolicy}. Under TIERED, a plugin's first version whose compiled
 * code is not cached starts on the interpreter (parse and start take a fraction of a Go module's
 * compile) and is compiled on a background thread; one compile per module digest at a time.
 */
final class TieredModuleLoader implements ModuleLoader, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TieredModuleLoader.class);

  interface Host {
    /** @param sha256 the bytes' digest, already computed (the host does not hash them again) */
    PluginModule load(byte[] wasm, String sha256, EngineKind engine) throws PluginLoadException;
  }

  private final EnginePolicy policy;
  private final Host host;
  private final Predicate<String> hasCompiledCode;
  private final Map<String, CompletableFuture<PluginModule>> compiling = new ConcurrentHashMap<>();
  private final ExecutorService compiler;

  TieredModuleLoader(EnginePolicy policy) {
    this(policy, ProxyWasmHost::load, ProxyWasmHost::hasCompiledCode);
  }

  TieredModuleLoader(EnginePolicy policy, Host host, Predicate<String> hasCompiledCode) {
    this.policy = policy;
    this.host = host;
    this.hasCompiledCode = hasCompiledCode;
    this.compiler = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "wasmgate-wasm-compiler");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public Loaded load(byte[] wasm, String sha256, boolean mayTier) throws PluginLoadException {
    CompletableFuture<PluginModule> pending = compiling.get(sha256);
    boolean tier = policy == EnginePolicy.TIERED && mayTier;
    if (!tier) {
      // An update of a plugin whose first version is compiling waits for that compile.
      return Loaded.of(pending != null ? await(pending) : host.load(wasm, sha256, policy.engine()));
    }
    if (pending == null && hasCompiledCode.test(sha256)) {
      return Loaded.of(host.load(wasm, sha256, EngineKind.COMPILER));
    }
    PluginModule baseline = host.load(wasm, sha256, EngineKind.INTERPRETER); // validates before compiling
    if (pending != null) {
      return new Loaded(baseline, pending, () -> {});
    }
    CompletableFuture<PluginModule> compiled = new CompletableFuture<>();
    CompletableFuture<PluginModule> already = compiling.putIfAbsent(sha256, compiled);
    if (already != null) {
      return new Loaded(baseline, already, () -> {});
    }
    return new Loaded(baseline, compiled, () -> compileInBackground(wasm, sha256, compiled));
  }

  private void compileInBackground(byte[] wasm, String sha256, CompletableFuture<PluginModule> compiled) {
    LOG.info("compiling module {} ({} bytes) in the background; its plugins run on the interpreter meanwhile",
        sha256, wasm.length);
    long started = System.nanoTime();
    try {
      compiler.execute(() -> {
        try {
          PluginModule module = host.load(wasm, sha256, EngineKind.COMPILER);
          LOG.info("compiled module {} in {} ms", sha256,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          compiling.remove(sha256, compiled);
          compiled.complete(module);
        } catch (PluginLoadException | RuntimeException | LinkageError e) {
          compiling.remove(sha256, compiled);
          compiled.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) { // closing
      compiling.remove(sha256, compiled);
      compiled.completeExceptionally(e);
    }
  }

  private static PluginModule await(CompletableFuture<PluginModule> pending) throws PluginLoadException {
    try {
      return pending.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof PluginLoadException ple ? ple : new PluginLoadException(String.valueOf(cause), cause);
    }
  }

  @Override
  public void close() {
    compiler.shutdownNow();
  }
}
