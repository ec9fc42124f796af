package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.VmLimits;
import io.wasmgate.plugin.model.EnvValueSource;
import io.wasmgate.plugin.model.EnvVar;
import io.wasmgate.plugin.model.WasmPlugin;
import io.wasmgate.plugin.model.WasmPluginSpec;
import io.wasmgate.runtime.ModuleDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/** Turns a WasmPlugin resource into a running {@link PluginInstance}: read (or take the fetched module), verify, load, start. */
final class PluginLoader {
  private final ModuleLoader modules;
  private final HostServices services;
  private final int workers;
  private final UnaryOperator<String> hostEnv;
  private final VmLimits defaultLimits;
  private final ScheduledExecutorService builder;

  /**
   * @param defaultLimits the VM limits of plugins whose annotations do not set their own
   * @param builder where VMs are rebuilt in the background (after traps, by the leak guard)
   */
  PluginLoader(
      ModuleLoader modules, HostServices services, int workers, UnaryOperator<String> hostEnv,
      VmLimits defaultLimits, ScheduledExecutorService builder) {
    this.modules = modules;
    this.services = services;
    this.workers = workers;
    this.hostEnv = hostEnv;
    this.defaultLimits = defaultLimits;
    this.builder = builder;
  }

  /**
   * Loads a local module.
   *
   * @param firstVersion nothing serves the plugin yet, so it may start on the interpreter while it compiles
   * @throws PluginLoadException naming the step that failed (read, sha256, load, start)
   */
  PluginInstance load(WasmPlugin plugin, PluginStats stats, boolean firstVersion) throws PluginLoadException {
    WasmPluginSpec spec = plugin.spec();
    byte[] wasm;
    try {
      wasm = Files.readAllBytes(spec.module().path());
    } catch (IOException e) {
      throw new PluginLoadException("cannot read module " + spec.module().path() + ": " + e, e);
    }
    String sha256 = ModuleDigest.sha256(wasm);
    if (spec.sha256() != null && !spec.sha256().equals(sha256)) {
      throw new PluginLoadException(
          "sha256 mismatch for " + spec.module().url() + ": spec.sha256 is " + spec.sha256()
              + " but the module's is " + sha256);
    }
    return start(plugin, wasm, sha256, stats, firstVersion);
  }

  /** Loads a fetched remote module, whose digest the module cache has already checked against spec.sha256. */
  PluginInstance load(WasmPlugin plugin, ModuleFetch.Fetched module, PluginStats stats, boolean firstVersion)
      throws PluginLoadException {
    return start(plugin, module.wasm(), module.sha256(), stats, firstVersion);
  }

  private PluginInstance start(WasmPlugin plugin, byte[] wasm, String sha256, PluginStats stats, boolean firstVersion)
      throws PluginLoadException {
    ModuleLoader.Loaded loaded = modules.load(wasm, sha256, firstVersion);
    VmFactory factory =
        new VmFactory(loaded.module(), pluginSpec(plugin), services, stats, loaded.compiled() != null);
    WorkerVms vms;
    try {
      vms = WorkerVms.start(factory, plugin.spec().failStrategy(), plugin.limits(), stats, builder, workers);
    } finally {
      loaded.beginCompile().run(); // also when the start failed: other loads may wait for this compile
    }
    if (loaded.compiled() != null) {
      vms.upgradeWhenCompiled(loaded.compiled());
    }
    return new PluginInstance(plugin, sha256, vms, stats);
  }

  /** What the host needs to start the plugin's VMs (Istio: vmId empty, rootId = pluginName). */
  PluginSpec pluginSpec(WasmPlugin plugin) {
    WasmPluginSpec spec = plugin.spec();
    byte[] configuration =
        spec.pluginConfig() == null ? new byte[0] : spec.pluginConfig().getBytes(StandardCharsets.UTF_8);
    return new PluginSpec(plugin.qualifiedName(), spec.pluginName(), "", configuration, new byte[0], env(spec),
        plugin.limits().vmLimits(defaultLimits));
  }

  /** INLINE values as written; HOST values from the gateway's environment (absent: left out). */
  private Map<String, String> env(WasmPluginSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : spec.env()) {
      String value =
          variable.valueFrom() == EnvValueSource.HOST ? hostEnv.apply(variable.name()) : variable.value();
      if (value != null) {
        env.put(variable.name(), value);
      }
    }
    return env;
  }
}
