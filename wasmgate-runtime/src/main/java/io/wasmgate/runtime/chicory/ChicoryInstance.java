package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Instance;
import io.wasmgate.runtime.GuestMemory;
import io.wasmgate.runtime.WasmInstance;
import java.time.Duration;

/** One Chicory instance; single-threaded like the instance it wraps. */
final class ChicoryInstance implements WasmInstance {
  private final ChicoryCompiledModule module;
  private final Object attachment;
  private final ChicoryMemory memory = new ChicoryMemory();
  private static final int[] NO_FRAMES = new int[0];

  private Instance instance;
  private long callTimeoutNanos;

  ChicoryInstance(ChicoryCompiledModule module, Object attachment, Duration callTimeout) {
    this.module = module;
    this.attachment = attachment;
    callTimeout(callTimeout);
  }

  void bind(Instance value) {
    if (instance == null) {
      instance = value;
      memory.bind(value.memory());
    }
  }

  @Override
  public boolean hasExport(String name) {
    return module.exportedFunction(name).isPresent();
  }

  @Override
  public long[] call(String export, long... args) {
    if (!hasExport(export)) {
      throw new IllegalArgumentException("module exports no function " + export);
    }
    return timed(export, () -> instance.export(export).apply(args));
  }

  /** Runs guest code under the call deadline, turning whatever it throws into a trap. */
  long[] timed(String entry, GuestCode code) {
    CallDeadline deadline = CallWatchdog.INSTANCE.current();
    boolean outermost = deadline.enter(callTimeoutNanos);
    Throwable failure = null;
    long[] results = null;
    try {
      results = code.run();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      failure = e;
    } finally {
      boolean expired = deadline.exit(outermost);
      if (failure != null) {
        long expiredTimeout = expired ? callTimeoutNanos : 0;
        int[] interpreted =
            instance != null && instance.getMachine() instanceof StackRecordingInterpreter machine
                ? machine.framesOf(failure)
                : NO_FRAMES; // no instance yet while instantiation (a start section) runs
        throw ChicoryTraps.translate(failure, module.names(), interpreted, entry, expiredTimeout);
      }
    }
    return results == null ? new long[0] : results;
  }

  @Override
  public void callTimeout(Duration timeout) {
    callTimeoutNanos = timeout == null ? 0 : timeout.toNanos();
  }

  @Override
  public GuestMemory memory() {
    return memory;
  }

  @Override
  public Object attachment() {
    return attachment;
  }

  /** Guest code to run: an export, or instantiation with its start section. */
  @FunctionalInterface
  interface GuestCode {
    long[] run();
  }
}
