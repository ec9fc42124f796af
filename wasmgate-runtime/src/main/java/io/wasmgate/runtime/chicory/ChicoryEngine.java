package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.ModuleDigest;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmMalformedException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chicory behind {@link WasmEngine}: parse and validate, then compile once for COMPILER, or load
 * the classes compiled earlier from the {@link CompileCache}.
 */
public final class ChicoryEngine implements WasmEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ChicoryEngine.class);

  private final EngineKind kind;
  private final Optional<CompiledCodeStore> store;

  public ChicoryEngine(EngineKind kind, CompileCache cache) {
    this.kind = Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cache, "cache");
    this.store = kind == EngineKind.COMPILER ? store(cache) : Optional.empty();
  }

  private static Optional<CompiledCodeStore> store(CompileCache cache) {
    if (cache.directory().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> version = ChicoryVersion.get();
    if (version.isEmpty()) {
      LOG.warn("compiled-code cache disabled: cannot tell which Chicory version is running");
      return Optional.empty();
    }
    return Optional.of(new CompiledCodeStore(cache.directory().get(), version.get()));
  }

  @Override
  public EngineKind kind() {
    return kind;
  }

  @Override
  public boolean hasCompiledCode(String sha256) {
    return store.map(s -> s.contains(sha256)).orElse(false);
  }

  @Override
  public CompiledModule compile(byte[] wasm) {
    return compile(wasm, null);
  }

  @Override
  public CompiledModule compile(byte[] wasm, String givenSha256) {
    if (wasm == null || wasm.length == 0) {
      throw new WasmMalformedException("invalid wasm module: empty input", null);
    }
    // The bytes are hashed once: by the caller or here, never again while parsing (ModuleParser).
    String sha256 = givenSha256 != null ? givenSha256 : ModuleDigest.sha256(wasm);
    if (kind == EngineKind.INTERPRETER) {
      WasmModule module = parse(wasm);
      return new ChicoryCompiledModule(
          kind,
          module,
          FunctionNames.of(module.nameSection()),
          StackRecordingInterpreter::new,
          sha256,
          false);
    }
    if (store.isEmpty()) {
      return compileNow(wasm, sha256);
    }
    CompiledCodeStore cache = store.get();
    Optional<CompiledModule> cached = cache.read(wasm, sha256).flatMap(this::loadCached);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (givenSha256 != null && cache.contains(sha256)) {
      // The entry under this digest is damaged or records other bytes: either the entry is stale
      // or the digest is wrong, and only a true digest may replace it.
      requireDigestOf(wasm, givenSha256);
    }
    return compileNow(wasm, sha256);
  }

  private CompiledModule compileNow(byte[] wasm, String sha256) {
    WasmModule module = parse(wasm);
    CompiledClasses.Compiled compiled = compileClasses(module);
    byte[] skeleton = ModuleSkeleton.of(module, wasm, compiled.interpretedFunctions());
    store.ifPresent(s -> s.write(wasm, new CachedModule(sha256, skeleton, compiled.classes())));
    // Instances come from the skeleton whether or not it is cached: the same module shape on
    // every path, and the parsed function bodies are not kept for the module's lifetime.
    return module(ModuleSkeleton.parse(skeleton), compiled.machineFactory(), sha256, false);
  }

  private static void requireDigestOf(byte[] wasm, String given) {
    String sha256 = ModuleDigest.sha256(wasm);
    if (!given.equals(sha256)) {
      throw new IllegalArgumentException(
          "the sha256 given for the module is " + given + " but its bytes hash to " + sha256);
    }
  }

  private Optional<CompiledModule> loadCached(CachedModule cached) {
    try {
      // Classes first: they verify in the background while the skeleton parses.
      Function<Instance, Machine> factory = cached.classes().loadMachineFactory();
      ModuleSkeleton.Parsed module = ModuleSkeleton.parse(cached.skeleton());
      return Optional.of(module(module, factory, cached.sha256(), true));
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "ignoring unusable compiled-code cache entry for {}; compiling instead: {}",
          cached.sha256(),
          e.toString());
      return Optional.empty();
    }
  }

  private CompiledModule module(
      ModuleSkeleton.Parsed skeleton,
      Function<Instance, Machine> factory,
      String sha256,
      boolean fromCache) {
    return new ChicoryCompiledModule(
        kind, skeleton.module(), skeleton.names(), factory, sha256, fromCache);
  }

  private static WasmModule parse(byte[] wasm) {
    try {
      return ModuleParser.parse(wasm);
    } catch (RuntimeException e) {
      // Chicory reports malformed and invalid modules, and truncated input, as runtime exceptions.
      throw new WasmMalformedException("invalid wasm module: " + e.getMessage(), e);
    }
  }

  private static CompiledClasses.Compiled compileClasses(WasmModule module) {
    try {
      return CompiledClasses.compile(module);
    } catch (RuntimeException e) {
      throw new WasmMalformedException("cannot compile wasm module: " + e.getMessage(), e);
    }
  }
}
