package io.wasmgate.host;

/** A body (or call-response, or configuration) buffer a plugin may read and, where allowed, change. */
public interface BodyBuffer {
  int size();

  /** Up to {@code maxSize} bytes starting at {@code start}; empty when start is past the end. */
  byte[] read(int start, int maxSize);

  /**
   * Envoy's set_buffer_bytes semantics: start=0,length=0 prepends; start &gt;= size appends;
   * otherwise replaces [start, start+length) with {@code data}.
   *
   * @return false when the buffer is read-only
   */
  boolean write(int start, int length, byte[] data);
}
