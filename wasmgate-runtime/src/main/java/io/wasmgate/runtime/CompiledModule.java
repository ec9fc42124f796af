package io.wasmgate.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A parsed and compiled module: immutable, thread-safe, the factory of its instances. */
public interface CompiledModule {
  EngineKind engine();

  /** Lower-case hex sha256 of the module bytes. */
  String sha256();

  /** Whether the compiled code came from the {@link CompileCache} instead of being compiled now. */
  boolean fromCache();

  List<ImportSpec> imports();

  List<ExportSpec> exports();

  /** The exported function's signature, if {@code name} is an exported function. */
  Optional<FunctionSignature> exportedFunction(String name);

  /**
   * What {@code hostFunctions} fail to satisfy, one line per import ("env.proxy_foo" when missing,
   * with both signatures when they differ, or the import kind when the host cannot supply it).
   */
  List<String> unsatisfiedImports(Collection<HostFunctionSpec> hostFunctions);

  /**
   * Creates an instance and runs the module's start section, if any. A {@code _start} export is
   * NOT run: the caller decides on entry points.
   *
   * @throws WasmLinkException when an import is unsatisfied
   * @throws WasmTrapException when the start section traps
   */
  WasmInstance instantiate(Collection<HostFunctionSpec> hostFunctions, InstanceOptions options);
}
