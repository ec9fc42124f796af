package io.wasmgate.runtime;

/**
 * Bounds-checked access to an instance's linear memory. Addresses and lengths are the guest's u32
 * values widened to long; anything outside the memory throws {@link WasmMemoryAccessException}.
 */
public interface GuestMemory {
  long sizeBytes();

  byte[] read(long address, long length);

  void write(long address, byte[] data);

  /** Unsigned 32-bit little-endian value. */
  long readU32(long address);

  void writeU32(long address, long value);

  void writeU64(long address, long value);

  void writeU8(long address, int value);

  void writeU16(long address, int value);
}
