package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.WasmEngine;
import io.wasmgate.runtime.WasmMalformedException;
import java.util.Objects;
import java.util.function.Function;

/** Chicory behind {@link WasmEngine}: parse and validate, then compile once for COMPILER. */
public final class ChicoryEngine implements WasmEngine {
  private final EngineKind kind;

  public ChicoryEngine(EngineKind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public EngineKind kind() {
    return kind;
  }

  @Override
  public CompiledModule compile(byte[] wasm) {
    WasmModule module = parse(wasm);
    return new ChicoryCompiledModule(kind, module, machineFactory(module));
  }

  private static WasmModule parse(byte[] wasm) {
    if (wasm == null || wasm.length == 0) {
      throw new WasmMalformedException("invalid wasm module: empty input", null);
    }
    try {
      return Parser.parse(wasm);
    } catch (RuntimeException e) {
      // Chicory reports malformed and invalid modules, and truncated input, as runtime exceptions.
      throw new WasmMalformedException("invalid wasm module: " + e.getMessage(), e);
    }
  }

  private Function<Instance, Machine> machineFactory(WasmModule module) {
    if (kind == EngineKind.INTERPRETER) {
      return InterpreterMachine::new;
    }
    try {
      // Functions too large for JVM methods silently stay interpreted instead of failing the load.
      return MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.SILENT)
          .compile();
    } catch (RuntimeException e) {
      throw new WasmMalformedException("cannot compile wasm module: " + e.getMessage(), e);
    }
  }
}
