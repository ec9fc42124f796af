package io.wasmgate.runtime;

/**
 * Per-instance settings.
 *
 * @param attachment an object host functions can fetch back with {@link WasmInstance#attachment()};
 *     it is set before the module's start section runs
 * @param maxMemoryPages cap on linear memory in 64 KiB pages, or 0 for the module's own limit
 */
public record InstanceOptions(Object attachment, int maxMemoryPages) {
  public static final InstanceOptions DEFAULT = new InstanceOptions(null, 0);

  public InstanceOptions {
    if (maxMemoryPages < 0) {
      throw new IllegalArgumentException("maxMemoryPages must be >= 0, got " + maxMemoryPages);
    }
  }

  public InstanceOptions withAttachment(Object value) {
    return new InstanceOptions(value, maxMemoryPages);
  }

  public InstanceOptions withMaxMemoryPages(int pages) {
    return new InstanceOptions(attachment, pages);
  }
}
