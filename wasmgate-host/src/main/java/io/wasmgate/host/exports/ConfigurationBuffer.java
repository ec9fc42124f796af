package io.wasmgate.host.exports;

import io.wasmgate.host.BodyBuffer;
import java.util.Arrays;

/** A read-only buffer over configuration bytes (VM or plugin configuration). */
record ConfigurationBuffer(byte[] bytes) implements BodyBuffer {

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public byte[] read(int start, int maxSize) {
    if (start >= bytes.length || maxSize <= 0) {
      return new byte[0];
    }
    return Arrays.copyOfRange(bytes, start, (int) Math.min(bytes.length, (long) start + maxSize));
  }

  @Override
  public boolean write(int start, int length, byte[] data) {
    return false;
  }
}
