package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.runtime.GuestMemory;
import io.wasmgate.runtime.WasmInstance;
import java.nio.charset.StandardCharsets;

/**
 * One host-function invocation: the calling VM, bounds-checked guest memory, and results written
 * back through the guest's own allocator (the guest owns and frees them).
 */
public final class HostCall {
  private final WasmInstance instance;
  private final VmState vm;

  public HostCall(WasmInstance instance) {
    this.instance = instance;
    this.vm = (VmState) instance.attachment();
  }

  public VmState vm() {
    return vm;
  }

  public GuestMemory memory() {
    return instance.memory();
  }

  /** The current stream, or a NOT_FOUND status when the effective context is not a stream. */
  HttpStreamHost stream() {
    HttpStreamHost stream = vm.currentStream();
    if (stream == null) {
      throw new StatusException(ProxyStatus.NOT_FOUND);
    }
    return stream;
  }

  /** A guest i32 argument read as the u32 it is (pointers, sizes, ids). */
  public static long u32(long arg) {
    return arg & 0xffffffffL;
  }

  public byte[] read(long address, long length) {
    return memory().read(u32(address), u32(length));
  }

  public String readString(long address, long length) {
    return new String(read(address, length), StandardCharsets.UTF_8);
  }

  /** Copies {@code data} into a fresh guest allocation; stores its address and size. */
  public void returnBytes(long addressOut, long sizeOut, byte[] data) {
    long address = 0;
    if (data.length > 0) {
      address = instance.call(vm.allocator(), data.length)[0] & 0xffffffffL;
      if (address == 0) {
        throw new StatusException(ProxyStatus.INTERNAL_FAILURE);
      }
      memory().write(address, data);
    }
    memory().writeU32(u32(addressOut), address);
    memory().writeU32(u32(sizeOut), data.length);
  }
}
