package io.wasmgate.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A module's sha256 in lower-case hex: the digest the gateway reports, pins and caches by. */
public final class ModuleDigest {
  private ModuleDigest() {}

  /** Lower-case hex sha256 of {@code wasm}. */
  public static String sha256(byte[] wasm) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
