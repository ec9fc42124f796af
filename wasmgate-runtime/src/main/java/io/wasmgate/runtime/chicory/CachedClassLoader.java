package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Defines a module's cached classes lazily: the JVM verifies a class when code first touches it,
 * instead of every class up front as Chicory's own loader does (most of a Go module's code never
 * runs at start-up). Each class's bytes are dropped once it is defined.
 */
final class CachedClassLoader extends ClassLoader {
  private final Map<String, byte[]> undefined;

  CachedClassLoader(Map<String, byte[]> classes) {
    // Generated code links against Chicory's runtime and compiler classes.
    super(MachineFactoryCompiler.class.getClassLoader());
    this.undefined = new ConcurrentHashMap<>(classes);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = undefined.remove(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /**
   * The module's machine factory: its main class's {@code (Instance)} constructor.
   *
   * @throws IllegalStateException when the main class is missing or malformed
   */
  Function<Instance, Machine> machineFactory(String mainClass) {
    MethodHandle constructor;
    try {
      Class<? extends Machine> machine = loadClass(mainClass).asSubclass(Machine.class);
      constructor =
          MethodHandles.publicLookup()
              .findConstructor(machine, MethodType.methodType(void.class, Instance.class))
              .asType(MethodType.methodType(Machine.class, Instance.class));
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new IllegalStateException("cached main class " + mainClass + " is unusable: " + e, e);
    }
    return instance -> {
      try {
        return (Machine) constructor.invokeExact(instance);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create the compiled machine", e);
      }
    };
  }
}
