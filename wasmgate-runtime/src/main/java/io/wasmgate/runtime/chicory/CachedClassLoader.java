package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Defines a module's cached classes lazily, each on first use, and drops its bytes once defined.
 * The JVM verifies a class before its first use; for a big module that is tens of milliseconds
 * (the Go plugin's 2.6 MB function class), so {@link #linkInBackground} can get it done while the
 * loading thread is still busy elsewhere.
 */
final class CachedClassLoader extends ClassLoader {
  static {
    // The background linker and the loading thread may define classes at the same time.
    registerAsParallelCapable();
  }

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
   * Loads, verifies and initialises every class not used yet on a daemon thread, largest first; a
   * thread that needs one meanwhile waits for it or links it itself, as the JVM arranges. Generated
   * classes have no static initialisers with effects beyond their own fields.
   */
  void linkInBackground() {
    List<String> names = new ArrayList<>(undefined.keySet());
    names.sort(Comparator.comparingInt((String name) -> sizeOf(name)).reversed());
    Thread linker =
        new Thread(
            () -> {
              for (String name : names) {
                try {
                  Class.forName(name, true, this);
                } catch (ClassNotFoundException | LinkageError e) {
                  // The first real use fails the same way and reports it.
                }
              }
            },
            "wasmgate-class-linker");
    linker.setDaemon(true);
    linker.start();
  }

  private int sizeOf(String name) {
    byte[] bytes = undefined.get(name);
    return bytes == null ? 0 : bytes.length;
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
