package io.wasmgate.oci.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Valid Wasm binaries of any size: the header plus one custom section of seeded random bytes. */
public final class TestWasm {
  private TestWasm() {}

  public static byte[] module(int payloadBytes, long seed) {
    byte[] name = "wasmgate-test".getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[payloadBytes];
    new Random(seed).nextBytes(payload);
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    leb128(section, name.length);
    section.writeBytes(name);
    section.writeBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00});
    leb128(out, section.size());
    out.writeBytes(section.toByteArray());
    return out.toByteArray();
  }

  private static void leb128(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
  }
}
