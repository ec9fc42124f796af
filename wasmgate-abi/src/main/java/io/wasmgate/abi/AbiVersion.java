package io.wasmgate.abi;

/** Proxy-Wasm ABI versions, detected from the marker export the module carries. */
public enum AbiVersion {
  V0_1_0("proxy_abi_version_0_1_0"),
  V0_2_0("proxy_abi_version_0_2_0"),
  V0_2_1("proxy_abi_version_0_2_1");

  private final String marker;

  AbiVersion(String marker) {
    this.marker = marker;
  }

  public String marker() {
    return marker;
  }

  public static AbiVersion fromMarker(String exportName) {
    for (AbiVersion v : values()) {
      if (v.marker.equals(exportName)) {
        return v;
      }
    }
    return null;
  }
}
