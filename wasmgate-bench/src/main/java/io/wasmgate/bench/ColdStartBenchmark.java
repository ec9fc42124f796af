package io.wasmgate.bench;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginVm;
import io.wasmgate.host.ProxyWasmHost;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * A plugin's cold start, once per fresh JVM, split where the gateway's load splits: Chicory parse,
 * Chicory compile (the runtime compiler turning every function into JVM bytecode), then starting a
 * VM (instantiate, _initialize, proxy_on_vm_start, proxy_on_configure). {@code ready*} is the whole
 * path a gateway takes from module bytes to a VM that can serve its first request.
 *
 * <p>{@code *Cached} is a restart with the compiled code already on disk: a warm-up fork fills the
 * cache ({@link #CACHE}, keyed by module sha256 and Chicory version), every measured fork reads it.
 * The other cases run without the cache.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
@State(Scope.Benchmark)
public class ColdStartBenchmark {
  /** Shared by the forks of one run and across runs: entries are content-addressed. */
  static final CompileCache CACHE =
      CompileCache.at(Path.of(System.getProperty("java.io.tmpdir"), "wasmgate-bench-compiled"));

  @Param({"GO", "C"})
  public BenchPlugin plugin;

  private byte[] wasm;
  private WasmModule parsed;
  private PluginModule compiled;
  private PluginModule interpreted;
  private PluginModule cached;
  private PluginVm vm;

  /** Only what each benchmark needs beforehand is prepared, so the measured step stays cold. */
  @Setup(Level.Iteration)
  public void prepare(org.openjdk.jmh.infra.BenchmarkParams params) throws PluginLoadException {
    // A gateway has its logging up before any plugin loads: ~0.25 s of Logback start-up that
    // would otherwise be charged to whichever step logs first.
    LoggerFactory.getLogger(ColdStartBenchmark.class).debug("logging initialised");
    wasm = plugin.bytes();
    String benchmark = params.getBenchmark();
    if (benchmark.endsWith(".compile")) {
      parsed = Parser.parse(wasm);
    } else if (benchmark.endsWith(".startCompiled")) {
      compiled = ProxyWasmHost.load(wasm, EngineKind.COMPILER, CompileCache.disabled());
    } else if (benchmark.endsWith(".startInterpreted")) {
      interpreted = ProxyWasmHost.load(wasm, EngineKind.INTERPRETER);
    } else if (benchmark.endsWith(".startCached")) {
      cached = ProxyWasmHost.load(wasm, EngineKind.COMPILER, CACHE);
    }
  }

  @TearDown(Level.Iteration)
  public void closeVm() {
    if (vm != null) {
      vm.close();
      vm = null;
    }
  }

  @Benchmark
  public WasmModule parse() {
    return Parser.parse(wasm);
  }

  @Benchmark
  public Object compile() {
    return MachineFactoryCompiler.builder(parsed)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .compile();
  }

  @Benchmark
  public PluginVm startCompiled() throws PluginLoadException {
    vm = compiled.start(plugin.spec(), HostServices.NONE);
    return vm;
  }

  @Benchmark
  public PluginVm startInterpreted() throws PluginLoadException {
    vm = interpreted.start(plugin.spec(), HostServices.NONE);
    return vm;
  }

  /**
   * Starting a VM on a module loaded from the cache. The load in setup already verified its classes
   * in the background, so this is the start alone; {@link #readyCached} is the honest total.
   */
  @Benchmark
  @Fork(value = 5, warmups = 1, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
  public PluginVm startCached() throws PluginLoadException {
    vm = cached.start(plugin.spec(), HostServices.NONE);
    return vm;
  }

  /** Bytes to a started VM on the compiler: the gateway's cold path for a new plugin. */
  @Benchmark
  public PluginVm readyCompiled() throws PluginLoadException {
    vm =
        ProxyWasmHost.load(wasm, EngineKind.COMPILER, CompileCache.disabled())
            .start(plugin.spec(), HostServices.NONE);
    return vm;
  }

  /** Bytes to a loaded module from the cache: digest, entry read, skeleton parse, host checks. */
  @Benchmark
  @Fork(value = 5, warmups = 1, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
  public PluginModule loadCached() throws PluginLoadException {
    return ProxyWasmHost.load(wasm, EngineKind.COMPILER, CACHE);
  }

  /** Bytes to a started VM after a restart: the compiled code is cached on disk. */
  @Benchmark
  @Fork(value = 5, warmups = 1, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
  public PluginVm readyCached() throws PluginLoadException {
    vm =
        ProxyWasmHost.load(wasm, EngineKind.COMPILER, CACHE)
            .start(plugin.spec(), HostServices.NONE);
    return vm;
  }

  /** Bytes to a started VM on the interpreter (no compile step). */
  @Benchmark
  public PluginVm readyInterpreted() throws PluginLoadException {
    vm = ProxyWasmHost.load(wasm, EngineKind.INTERPRETER).start(plugin.spec(), HostServices.NONE);
    return vm;
  }
}
