package io.wasmgate.host.vm;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.PluginVm;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmException;
import java.util.Objects;

/** A checked, compiled Proxy-Wasm module; thread-safe, it starts any number of VMs. */
public final class LoadedPluginModule implements PluginModule {
  private final CompiledModule compiled;
  private final AbiVersion abi;
  private final String allocator;
  private final String sha256;
  private final int sizeBytes;

  private LoadedPluginModule(
      CompiledModule compiled, AbiVersion abi, String allocator, byte[] wasm) {
    this.compiled = compiled;
    this.abi = abi;
    this.allocator = allocator;
    this.sha256 = compiled.sha256();
    this.sizeBytes = wasm.length;
  }

  /** Loads with the compiled-code cache {@link CompileCache#fromEnvironment} names. */
  public static LoadedPluginModule load(byte[] wasm, EngineKind engine) throws PluginLoadException {
    return load(wasm, engine, CompileCache.fromEnvironment());
  }

  public static LoadedPluginModule load(byte[] wasm, EngineKind engine, CompileCache cache)
      throws PluginLoadException {
    return load(wasm, null, engine, cache);
  }

  /** @param sha256 the bytes' hex sha256 if the caller has it (not hashed again), else null */
  public static LoadedPluginModule load(
      byte[] wasm, String sha256, EngineKind engine, CompileCache cache)
      throws PluginLoadException {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(cache, "cache");
    if (wasm == null) {
      throw new PluginLoadException("no wasm module bytes given");
    }
    CompiledModule compiled;
    try {
      WasmEngine runtime = WasmEngine.of(engine, cache);
      compiled = sha256 == null ? runtime.compile(wasm) : runtime.compile(wasm, sha256);
    } catch (WasmException e) {
      throw new PluginLoadException(e.getMessage(), e);
    }
    AbiVersion abi = ModuleChecks.abiVersion(compiled);
    ModuleChecks.importsSatisfied(compiled);
    String allocator = ModuleChecks.allocator(compiled);
    return new LoadedPluginModule(compiled, abi, allocator, wasm);
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public AbiVersion abiVersion() {
    return abi;
  }

  @Override
  public int sizeBytes() {
    return sizeBytes;
  }

  @Override
  public EngineKind engine() {
    return compiled.engine();
  }

  @Override
  public PluginVm start(PluginSpec spec, HostServices services) throws PluginLoadException {
    Objects.requireNonNull(spec, "spec");
    HostServices gateway = services == null ? HostServices.NONE : services;
    return VmBoot.start(compiled, new ProxyWasmVm(spec, gateway, abi, allocator));
  }
}
