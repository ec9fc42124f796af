package io.wasmgate.abi;

/** proxy_status_t: what every host function returns to the guest. */
public enum ProxyStatus {
  OK(0),
  NOT_FOUND(1),
  BAD_ARGUMENT(2),
  SERIALIZATION_FAILURE(3),
  PARSE_FAILURE(4),
  INVALID_MEMORY_ACCESS(6),
  EMPTY(7),
  CAS_MISMATCH(8),
  INTERNAL_FAILURE(10),
  UNIMPLEMENTED(12);

  private final int code;

  ProxyStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
