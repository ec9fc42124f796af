package io.wasmgate.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 content digests in the {@code sha256:<hex>} form registries use. */
public final class Digests {
  private Digests() {}

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String sha256(byte[] content) {
    return "sha256:" + HexFormat.of().formatHex(newSha256().digest(content));
  }

  static String format(MessageDigest finished) {
    return "sha256:" + HexFormat.of().formatHex(finished.digest());
  }

  /** Throws when {@code content} does not hash to {@code expected}; {@code what} names the object in the message. */
  static void verify(String what, String expected, byte[] content) throws OciException {
    if (!expected.startsWith("sha256:")) {
      throw new OciException(what + " uses unsupported digest algorithm: " + expected);
    }
    String actual = sha256(content);
    if (!actual.equals(expected)) {
      throw new OciException("digest mismatch for " + what + ": expected " + expected + ", got " + actual);
    }
  }
}
