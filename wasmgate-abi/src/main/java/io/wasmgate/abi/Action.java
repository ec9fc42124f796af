package io.wasmgate.abi;

/** proxy_action_t: what a stream callback tells the host to do next. */
public enum Action {
  CONTINUE,
  PAUSE;

  public static Action of(long code) {
    return code == 1 ? PAUSE : CONTINUE;
  }
}
