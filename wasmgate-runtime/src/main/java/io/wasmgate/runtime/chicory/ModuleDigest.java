package io.wasmgate.runtime.chicory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A module's sha256, for callers that did not hand one in. */
final class ModuleDigest {
  private ModuleDigest() {}

  /** Lower-case hex sha256 of {@code wasm}. */
  static String sha256(byte[] wasm) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
