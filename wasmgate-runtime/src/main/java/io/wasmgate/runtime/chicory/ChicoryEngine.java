package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmMalformedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    if (wasm == null || wasm.length == 0) {
      throw new WasmMalformedException("invalid wasm module: empty input", null);
    }
    String sha256 = sha256(wasm);
    if (kind == EngineKind.INTERPRETER) {
      return module(parse(wasm), InterpreterMachine::new, sha256, false);
    }
    Optional<CompiledClasses> cached = store.flatMap(s -> s.read(sha256));
    if (cached.isPresent()) {
      Optional<CompiledModule> loaded = loadCached(wasm, sha256, cached.get());
      if (loaded.isPresent()) {
        return loaded.get();
      }
    }
    WasmModule module = parse(wasm);
    CompiledClasses.Compiled compiled = compileClasses(module);
    store.ifPresent(s -> s.write(sha256, compiled.classes()));
    return module(module, compiled.machineFactory(), sha256, false);
  }

  private Optional<CompiledModule> loadCached(byte[] wasm, String sha256, CompiledClasses classes) {
    try {
      WasmModule module = ModuleSkeleton.parse(wasm, classes.needsFunctionBodies());
      return Optional.of(module(module, classes.loadMachineFactory(), sha256, true));
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "ignoring unusable compiled-code cache entry for {}; compiling instead: {}",
          sha256,
          e.toString());
      return Optional.empty();
    }
  }

  private CompiledModule module(
      WasmModule module, Function<Instance, Machine> factory, String sha256, boolean fromCache) {
    return new ChicoryCompiledModule(kind, module, factory, sha256, fromCache);
  }

  private static WasmModule parse(byte[] wasm) {
    try {
      return Parser.parse(wasm);
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
