package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Memory;
import io.wasmgate.runtime.GuestMemory;
import io.wasmgate.runtime.WasmMemoryAccessException;

/** Bounds-checked view of an instance's memory 0 (none for modules without memory). */
final class ChicoryMemory implements GuestMemory {
  private Memory memory;

  void bind(Memory value) {
    memory = value;
  }

  @Override
  public long sizeBytes() {
    return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
  }

  @Override
  public byte[] read(long address, long length) {
    check(address, length);
    return memory.readBytes((int) address, (int) length);
  }

  @Override
  public void write(long address, byte[] data) {
    check(address, data.length);
    memory.write((int) address, data);
  }

  @Override
  public long readU32(long address) {
    check(address, 4);
    return memory.readU32((int) address);
  }

  @Override
  public void writeU32(long address, long value) {
    check(address, 4);
    memory.writeI32((int) address, (int) value);
  }

  @Override
  public void writeU64(long address, long value) {
    check(address, 8);
    memory.writeLong((int) address, value);
  }

  @Override
  public void writeU8(long address, int value) {
    check(address, 1);
    memory.writeByte((int) address, (byte) value);
  }

  @Override
  public void writeU16(long address, int value) {
    check(address, 2);
    memory.writeShort((int) address, (short) value);
  }

  private void check(long address, long length) {
    if (address < 0 || length < 0 || address + length > sizeBytes()) {
      throw new WasmMemoryAccessException(
          "guest memory access ["
              + address
              + ", +"
              + length
              + ") outside "
              + sizeBytes()
              + " bytes");
    }
  }
}
