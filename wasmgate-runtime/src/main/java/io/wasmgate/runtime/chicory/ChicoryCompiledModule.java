package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.EngineKind;
import io.wasmgate.runtime.ExportSpec;
import io.wasmgate.runtime.ExternKind;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.HostFunctionSpec;
import io.wasmgate.runtime.ImportSpec;
import io.wasmgate.runtime.InstanceOptions;
import io.wasmgate.runtime.WasmException;
import io.wasmgate.runtime.WasmInstance;
import io.wasmgate.runtime.WasmLinkException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A parsed module plus its (shared, thread-safe) machine factory. */
final class ChicoryCompiledModule implements CompiledModule {
  private final EngineKind engine;
  private final WasmModule module;
  private final FunctionNames names;
  private final Function<Instance, Machine> machineFactory;
  private final String sha256;
  private final boolean fromCache;
  private final ModuleInterface shape;
  private final Map<String, FunctionSignature> exportedFunctions = new HashMap<>();

  ChicoryCompiledModule(
      EngineKind engine,
      WasmModule module,
      FunctionNames names,
      Function<Instance, Machine> machineFactory,
      String sha256,
      boolean fromCache) {
    this.engine = engine;
    this.module = module;
    this.names = names;
    this.machineFactory = machineFactory;
    this.sha256 = sha256;
    this.fromCache = fromCache;
    this.shape = ModuleInterface.of(module);
    for (ExportSpec export : shape.exports()) {
      if (export.kind() == ExternKind.FUNCTION && export.signature() != null) {
        exportedFunctions.put(export.name(), export.signature());
      }
    }
  }

  @Override
  public EngineKind engine() {
    return engine;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public boolean fromCache() {
    return fromCache;
  }

  @Override
  public List<ImportSpec> imports() {
    return shape.imports();
  }

  @Override
  public List<ExportSpec> exports() {
    return shape.exports();
  }

  @Override
  public Optional<FunctionSignature> exportedFunction(String name) {
    return Optional.ofNullable(exportedFunctions.get(name));
  }

  FunctionNames names() {
    return names;
  }

  @Override
  public List<String> unsatisfiedImports(Collection<HostFunctionSpec> hostFunctions) {
    Map<String, HostFunctionSpec> offered = index(hostFunctions);
    List<String> unsatisfied = new ArrayList<>();
    for (ImportSpec imp : shape.imports()) {
      String problem = problem(imp, offered.get(imp.qualifiedName()));
      if (problem != null && !unsatisfied.contains(problem)) {
        unsatisfied.add(problem);
      }
    }
    return unsatisfied;
  }

  private static String problem(ImportSpec imp, HostFunctionSpec offered) {
    String name = imp.qualifiedName();
    if (imp.kind() != ExternKind.FUNCTION) {
      return name + " (" + imp.kind().name().toLowerCase() + " imports are not supported)";
    } else if (imp.signature() == null) {
      return name + " (signature uses types the host cannot supply)";
    } else if (offered == null) {
      return name;
    } else if (!offered.signature().equals(imp.signature())) {
      return name
          + " (module expects "
          + imp.signature()
          + ", host has "
          + offered.signature()
          + ")";
    }
    return null;
  }

  @Override
  public WasmInstance instantiate(
      Collection<HostFunctionSpec> hostFunctions, InstanceOptions options) {
    List<String> unsatisfied = unsatisfiedImports(hostFunctions);
    if (!unsatisfied.isEmpty()) {
      throw new WasmLinkException(unsatisfied);
    }
    ChicoryInstance self = new ChicoryInstance(this, options.attachment(), options.callTimeout());
    Instance.Builder builder =
        Instance.builder(module)
            .withImportValues(imports(self, index(hostFunctions)))
            .withMachineFactory(machineFactory)
            .withMemoryFactory(ByteArrayMemory::new)
            // withStart(false) only skips a "_start" export; a start section always runs.
            .withStart(false);
    memoryLimits(options.maxMemoryPages()).ifPresent(builder::withMemoryLimits);
    self.timed(
        "start section",
        () -> {
          self.bind(builder.build());
          return null;
        });
    return self;
  }

  private ImportValues imports(ChicoryInstance self, Map<String, HostFunctionSpec> offered) {
    ImportValues.Builder values = ImportValues.builder();
    Map<String, Boolean> added = new HashMap<>();
    for (ImportSpec imp : shape.imports()) {
      HostFunctionSpec spec = offered.get(imp.qualifiedName());
      if (added.putIfAbsent(imp.qualifiedName(), Boolean.TRUE) == null) {
        values.addFunction(hostFunction(self, spec));
      }
    }
    return values.build();
  }

  private static HostFunction hostFunction(ChicoryInstance self, HostFunctionSpec spec) {
    return new HostFunction(
        spec.module(),
        spec.name(),
        ChicoryTypes.functionType(spec.signature()),
        (instance, args) -> {
          // The start section may call in before build() returns.
          self.bind(instance);
          long[] results = spec.handler().call(self, args);
          return results == null ? new long[0] : results;
        });
  }

  private Optional<MemoryLimits> memoryLimits(int maxPages) {
    if (maxPages == 0 || module.memorySection().isEmpty()) {
      return Optional.empty();
    }
    MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
    if (declared.initialPages() > maxPages) {
      throw new WasmException(
          "module needs "
              + declared.initialPages()
              + " initial memory pages, over the limit of "
              + maxPages);
    }
    return Optional.of(
        new MemoryLimits(declared.initialPages(), Math.min(maxPages, declared.maximumPages())));
  }

  private static Map<String, HostFunctionSpec> index(Collection<HostFunctionSpec> hostFunctions) {
    Map<String, HostFunctionSpec> byName = new LinkedHashMap<>();
    for (HostFunctionSpec spec : hostFunctions) {
      byName.put(spec.qualifiedName(), spec);
    }
    return byName;
  }
}
