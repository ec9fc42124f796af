package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;

/** Ends a host function early with a status; never leaves the host function. */
final class StatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProxyStatus status;

  StatusException(ProxyStatus status) {
    super(status.name(), null, false, false);
    this.status = status;
  }

  ProxyStatus status() {
    return status;
  }
}
