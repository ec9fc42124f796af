package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginVm;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A VM serving one worker, with the streams using it counted so that a replaced VM (after a trap,
 * or by the leak guard) closes only when its last stream ends. Stream accounting happens on the
 * worker's thread; {@link #close} may come from any thread once nothing uses the VM.
 */
final class TrackedVm {
  private final PluginVm vm;
  private final PluginModule module;
  private final Runnable onClose;
  private final AtomicLong memoryGauge;
  /** The memory size this VM last added to the gauge. */
  private long publishedMemory;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int streams;
  private long served;
  private boolean retired;
  /** The failure was already answered with a reload or rebuild (worker only). */
  boolean failureHandled;

  TrackedVm(PluginVm vm, PluginModule module, AtomicLong memoryGauge, Runnable onClose) {
    this.vm = vm;
    this.module = module;
    this.memoryGauge = memoryGauge;
    this.onClose = onClose;
    publishMemory();
  }

  PluginVm vm() {
    return vm;
  }

  /** The module the VM was started from. */
  PluginModule module() {
    return module;
  }

  boolean failed() {
    return vm.isFailed();
  }

  /** Streams that have ended on this VM. */
  long served() {
    return served;
  }

  void streamStarted() {
    streams++;
  }

  /** Brings the plugin's memory gauge up to date with this VM's current size. */
  long publishMemory() {
    long now = vm.memoryBytes();
    if (now != publishedMemory) {
      memoryGauge.addAndGet(now - publishedMemory);
      publishedMemory = now;
    }
    return now;
  }

  void streamEnded() {
    streams--;
    served++;
    if (retired && streams == 0) {
      close();
    }
  }

  /** No new streams will use this VM; it closes now, or when its last stream ends. */
  void retire() {
    retired = true;
    if (streams == 0) {
      close();
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      vm.close();
      memoryGauge.addAndGet(-publishedMemory);
      onClose.run();
    }
  }
}
