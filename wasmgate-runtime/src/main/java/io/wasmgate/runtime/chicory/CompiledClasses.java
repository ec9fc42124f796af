package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JVM classes Chicory's compiler generated for one module. Chicory's public {@code
 * MachineFactoryCompiler} hides which functions fell back to the interpreter, and instances need
 * the bodies of exactly those, so compiling goes through its (public, version-pinned) internal
 * compiler.
 */
record CompiledClasses(String mainClass, Map<String, byte[]> classes) {

  /** Compiles every function (too-large ones silently stay interpreted). */
  static Compiled compile(WasmModule module) {
    CompilerResult result =
        Compiler.builder(module)
            .withInterpreterFallback(InterpreterFallback.SILENT)
            .withClassCollectorFactory(ClassLoadingCollector::new)
            .build()
            .compile();
    ClassLoadingCollector collector = (ClassLoadingCollector) result.collector();
    // Chicory names some classes in binary form (a.b.C) and some in internal form (a/b/C).
    Map<String, byte[]> classBytes = new LinkedHashMap<>();
    collector.classBytes().forEach((name, bytes) -> classBytes.put(binaryName(name), bytes));
    CompiledClasses classes =
        new CompiledClasses(binaryName(collector.mainClassName()), classBytes);
    // The collector already loaded and verified every class: its factory is ready to use.
    return new Compiled(classes, result.interpretedFunctions(), collector.machineFactory());
  }

  private static String binaryName(String className) {
    return className.replace('/', '.');
  }

  /**
   * A fresh compile: its classes, and the factory over the classes already loaded.
   *
   * @param interpretedFunctions function indices too large for a JVM method, run by the interpreter
   */
  record Compiled(
      CompiledClasses classes,
      Set<Integer> interpretedFunctions,
      Function<Instance, Machine> machineFactory) {}

  /**
   * Defines the classes in a new class loader, each on first use (the rest linked in the
   * background), and returns the factory.
   */
  Function<Instance, Machine> loadMachineFactory() {
    CachedClassLoader loader = new CachedClassLoader(classes);
    Function<Instance, Machine> factory = loader.machineFactory(mainClass);
    loader.linkInBackground();
    return factory;
  }
}
