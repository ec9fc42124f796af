package io.wasmgate.oci;

/** A Wasm module pulled from a registry: its bytes, the image manifest's digest and the layout it came in. */
public record PulledModule(byte[] wasm, String manifestDigest, ImageFormat format) {
  /** sha256 of the module bytes themselves, as a plain hex string (the WasmPlugin {@code sha256} form). */
  public String wasmSha256Hex() {
    return Digests.sha256(wasm).substring("sha256:".length());
  }
}
