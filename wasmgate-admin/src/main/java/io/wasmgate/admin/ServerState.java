package io.wasmgate.admin;

/** Envoy's server states, as {@code /ready} and {@code /server_info} report them. */
public enum ServerState {
  PRE_INITIALIZING,
  INITIALIZING,
  LIVE,
  DRAINING
}
