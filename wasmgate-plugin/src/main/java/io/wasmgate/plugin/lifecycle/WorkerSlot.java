package io.wasmgate.plugin.lifecycle;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker's place in a plugin version: the VM serving it and the replacement being prepared.
 * Everything but {@link #current} (read by status) and {@link #built} (filled by the builder
 * thread) belongs to the worker's thread.
 */
final class WorkerSlot {
  /** A background build's outcome: a VM, or why there is none. */
  record Built(TrackedVm vm, String error) {}

  volatile TrackedVm current;
  final AtomicReference<Built> built = new AtomicReference<>();
  /** A background build is scheduled or running. */
  boolean building;
  /** The latest scheduled build, cancelled when the version closes before it runs. */
  volatile Future<?> pendingBuild;
  /** Failed VMs and failed builds in a row since a stream last ended well. */
  int streak;
  /** FAIL_RELOAD: no inline reload before this (System.nanoTime). */
  long nextReloadNanos;

  WorkerSlot(TrackedVm vm) {
    current = vm;
  }
}
