package io.wasmgate.bench;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginVm;
import io.wasmgate.host.ProxyWasmHost;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm start: one more VM from a module that is already compiled and JIT-warm, as the gateway does
 * per worker and on a VM replacement after a trap (instantiate, _initialize, vm_start, configure,
 * then close).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
@State(Scope.Thread)
public class VmStartBenchmark {
  @Param({"GO", "C"})
  public BenchPlugin plugin;

  private PluginModule module;

  @Setup
  public void load() throws PluginLoadException {
    module = ProxyWasmHost.load(plugin.bytes(), EngineKind.COMPILER, CompileCache.disabled());
  }

  @Benchmark
  public long startAndClose() throws PluginLoadException {
    try (PluginVm vm = module.start(plugin.spec(), HostServices.NONE)) {
      return vm.memoryBytes();
    }
  }
}
