package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Instance;
import io.wasmgate.runtime.GuestMemory;
import io.wasmgate.runtime.WasmInstance;

/** One Chicory instance; single-threaded like the instance it wraps. */
final class ChicoryInstance implements WasmInstance {
  private final ChicoryCompiledModule module;
  private final Object attachment;
  private final ChicoryMemory memory = new ChicoryMemory();
  private Instance instance;

  ChicoryInstance(ChicoryCompiledModule module, Object attachment) {
    this.module = module;
    this.attachment = attachment;
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
    try {
      long[] results = instance.export(export).apply(args);
      return results == null ? new long[0] : results;
    } catch (RuntimeException | StackOverflowError e) {
      throw ChicoryTraps.translate(e, module.module(), export);
    }
  }

  @Override
  public GuestMemory memory() {
    return memory;
  }

  @Override
  public Object attachment() {
    return attachment;
  }
}
