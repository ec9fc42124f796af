package io.wasmgate.conformance;

/** FNV-1a, 32 bits (Go's hash/fnv New32a), to predict what a plugin computes. */
final class Fnv {
  private Fnv() {}

  static long hash32a(byte[] data) {
    int hash = 0x811c9dc5;
    for (byte b : data) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Integer.toUnsignedLong(hash);
  }
}
