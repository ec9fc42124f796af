package io.wasmgate.host.vm;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.ExportSpec;
import io.wasmgate.runtime.FunctionSignature;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What a module must offer before any instance is made: an ABI marker, imports, an allocator. */
final class ModuleChecks {
  private static final String MARKER_PREFIX = "proxy_abi_version_";
  private static final List<String> ALLOCATORS = List.of("proxy_on_memory_allocate", "malloc");

  private ModuleChecks() {}

  /** The newest ABI whose marker the module exports. */
  static AbiVersion abiVersion(CompiledModule module) throws PluginLoadException {
    AbiVersion found = null;
    for (ExportSpec export : module.exports()) {
      AbiVersion version = AbiVersion.fromMarker(export.name());
      if (version != null && (found == null || version.compareTo(found) > 0)) {
        found = version;
      }
    }
    if (found != null) {
      return found;
    }
    String expected =
        Arrays.stream(AbiVersion.values())
            .map(AbiVersion::marker)
            .collect(Collectors.joining(", "));
    String unknown =
        module.exports().stream()
            .map(ExportSpec::name)
            .filter(name -> name.startsWith(MARKER_PREFIX))
            .collect(Collectors.joining(", "));
    throw new PluginLoadException(
        "no Proxy-Wasm ABI marker export (expected one of "
            + expected
            + (unknown.isEmpty() ? "; found none" : "; found unsupported " + unknown)
            + ")");
  }

  static void importsSatisfied(CompiledModule module) throws PluginLoadException {
    List<String> unsatisfied = module.unsatisfiedImports(HostImports.ALL);
    if (!unsatisfied.isEmpty()) {
      throw new PluginLoadException(
          unsatisfied.stream().map(i -> "missing import " + i).collect(Collectors.joining(", ")));
    }
  }

  /** proxy_on_memory_allocate, else the legacy malloc: the host cannot return data without one. */
  static String allocator(CompiledModule module) throws PluginLoadException {
    FunctionSignature expected = FunctionSignature.i32s(1);
    for (String name : ALLOCATORS) {
      if (module.exportedFunction(name).filter(expected::equals).isPresent()) {
        return name;
      }
    }
    throw new PluginLoadException(
        "module exports no allocator"
            + " (expected proxy_on_memory_allocate or malloc of (i32) -> (i32))");
  }
}
