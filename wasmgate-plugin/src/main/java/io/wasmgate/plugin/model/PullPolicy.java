package io.wasmgate.plugin.model;

/** WasmPlugin spec.imagePullPolicy; Istio spells the values in Kubernetes style. */
public enum PullPolicy {
  UNSPECIFIED_POLICY("UNSPECIFIED_POLICY"),
  IF_NOT_PRESENT("IfNotPresent"),
  ALWAYS("Always");

  private final String wireName;

  PullPolicy(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in YAML. */
  public String wireName() {
    return wireName;
  }
}
