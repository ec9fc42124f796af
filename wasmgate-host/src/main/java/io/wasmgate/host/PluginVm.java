package io.wasmgate.host;

/**
 * One started, configured instance of a plugin module (a Proxy-Wasm VM with its root context).
 * Single-threaded: a VM belongs to one worker at a time. After a trap it is {@link #isFailed() failed}
 * and must be replaced, never reused.
 */
public interface PluginVm extends AutoCloseable {
  PluginSpec spec();

  /** Creates the stream context; the stream host serves its host calls. */
  HttpContext createHttpContext(HttpStreamHost stream);

  boolean isFailed();

  /** The trap or error that failed this VM, or null. */
  String lastError();

  /** Current linear memory size in bytes. */
  long memoryBytes();

  /** Releases the instance; never throws. */
  @Override
  void close();
}
