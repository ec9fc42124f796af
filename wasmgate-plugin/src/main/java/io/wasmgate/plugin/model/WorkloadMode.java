package io.wasmgate.plugin.model;

/** WasmPlugin spec.match[].mode. A gateway is the client side of the traffic it forwards. */
public enum WorkloadMode {
  UNDEFINED,
  CLIENT,
  SERVER,
  CLIENT_AND_SERVER;

  /** Whether a selector with this mode applies to a gateway listener. */
  public boolean appliesToGateway() {
    return this != SERVER;
  }
}
