package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** A module's sha256, taken from Chicory's parse when it has one, so the bytes are hashed once. */
final class ModuleDigest {
  /** How Chicory's parser labels its default digest: "sha-256:" then base64. */
  private static final String CHICORY_SHA256 = "sha-256:";

  private ModuleDigest() {}

  /** Lower-case hex sha256 of {@code wasm}, which Chicory parsed into {@code module}. */
  static String sha256(WasmModule module, byte[] wasm) {
    String digest = module.digest();
    if (digest != null && digest.startsWith(CHICORY_SHA256)) {
      String base64 = digest.substring(CHICORY_SHA256.length());
      return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }
    return sha256(wasm);
  }

  /** Lower-case hex sha256 of {@code wasm}. */
  static String sha256(byte[] wasm) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
