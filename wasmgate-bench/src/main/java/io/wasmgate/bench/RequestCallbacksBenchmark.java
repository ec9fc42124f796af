package io.wasmgate.bench;

import io.wasmgate.abi.Action;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpContext;
import io.wasmgate.host.PluginLoadException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one allowed request costs in a plugin through the real host, without the network: context
 * create, request headers, response headers, done, log, delete, on the runtime compiler. Warm-up is
 * long because the Go plugin's huge methods reach C2 only after tens of thousands of requests.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 3, jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xss4m"})
@State(Scope.Thread)
public class RequestCallbacksBenchmark {
  @Param({"GO", "C"})
  public BenchPlugin plugin;

  private final InMemoryStream stream = new InMemoryStream();
  private PluginVm vm;

  @Setup
  public void start() throws PluginLoadException {
    vm =
        ProxyWasmHost.load(plugin.bytes(), EngineKind.COMPILER, CompileCache.disabled())
            .start(plugin.spec(), HostServices.NONE);
  }

  @TearDown
  public void stop() {
    System.out.printf("%n%s VM linear memory after the run: %d KiB%n", plugin, vm.memoryBytes() >> 10);
    vm.close();
  }

  @Benchmark
  public Action request() {
    try (HttpContext context = vm.createHttpContext(stream)) {
      Action onRequest = context.onRequestHeaders(stream.requestHeaderCount(), true);
      Action onResponse = context.onResponseHeaders(stream.responseHeaderCount(), false);
      context.onDone();
      context.onLog();
      return onRequest == Action.CONTINUE ? onResponse : onRequest;
    }
  }
}
