package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import java.util.concurrent.CompletableFuture;

/** Validates and compiles module bytes; the Proxy-Wasm host with the configured engine policy. */
@FunctionalInterface
interface ModuleLoader {
  /**
   * @param sha256 the bytes' lower-case hex sha256, already computed by the caller
   * @param mayTier true when nothing serves the plugin yet, so it may start on a slower tier
   */
  Loaded load(byte[] wasm, String sha256, boolean mayTier) throws PluginLoadException;

  /**
   * A module ready to start VMs, and, when it runs on the interpreter only until it is compiled,
   * the compiled module to come (which may complete exceptionally). That compile begins when the
   * caller runs {@code beginCompile}, which it must do once, after starting its VMs: on a small
   * machine a compile running beside the VM starts would delay the moment the plugin serves.
   */
  record Loaded(PluginModule module, CompletableFuture<PluginModule> compiled, Runnable beginCompile) {
    static Loaded of(PluginModule module) {
      return new Loaded(module, null, () -> {});
    }
  }
}
