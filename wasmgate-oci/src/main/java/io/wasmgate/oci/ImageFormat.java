package io.wasmgate.oci;

/** The three layouts Istio accepts for a Wasm plugin image. */
public enum ImageFormat {
  /** Docker v2 manifest; last layer a tar.gz holding plugin.wasm ({@code FROM scratch} + {@code ADD plugin.wasm}). */
  DOCKER_IMAGE,
  /** OCI image manifest; last layer an OCI tar+gzip layer holding plugin.wasm (the "compat" variant). */
  OCI_IMAGE,
  /** OCI manifest with config {@value MediaTypes#WASM_CONFIG} and a raw {@value MediaTypes#WASM_LAYER} layer. */
  OCI_WASM_ARTIFACT
}
