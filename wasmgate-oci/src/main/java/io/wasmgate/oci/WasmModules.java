package io.wasmgate.oci;

/** Sanity checks on a Wasm binary before it is cached or pushed. */
public final class WasmModules {
  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

  private WasmModules() {}

  /** Throws unless {@code bytes} starts with the Wasm magic {@code \0asm} and fits {@code maxBytes}. */
  public static void check(byte[] bytes, long maxBytes, String what) throws OciException {
    if (bytes.length > maxBytes) {
      throw new OciException(what + " is " + bytes.length + " bytes, over the limit of " + maxBytes);
    }
    if (bytes.length < 8) {
      throw new OciException(what + " is not a Wasm module (only " + bytes.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new OciException(what + " is not a Wasm module (missing the \\0asm magic number)");
      }
    }
  }
}
