package io.wasmgate.oci;

import java.util.Locale;

/** WasmPlugin {@code imagePullPolicy} with Istio's defaulting. */
public enum PullPolicy {
  /** Use the cached module for this reference when there is one. */
  IF_NOT_PRESENT,
  /** Ask the registry every time (downloading layers only when the manifest digest changed). */
  ALWAYS;

  /**
   * The policy in effect: the declared one ({@code IfNotPresent}, {@code Always}, or null/empty/
   * {@code UNSPECIFIED_POLICY}), where unspecified means Always for a {@code :latest} tag without digest and
   * IfNotPresent otherwise.
   */
  public static PullPolicy effective(String declared, OciReference ref) {
    String value = declared == null ? "" : declared.strip();
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "ifnotpresent" -> IF_NOT_PRESENT;
      case "always" -> ALWAYS;
      case "", "unspecified_policy" ->
          ref.digest() == null && "latest".equals(ref.tag()) ? ALWAYS : IF_NOT_PRESENT;
      default -> throw new IllegalArgumentException(
          "imagePullPolicy '" + declared + "' is not IfNotPresent, Always or UNSPECIFIED_POLICY");
    };
  }
}
