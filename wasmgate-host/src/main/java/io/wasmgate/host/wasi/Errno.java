package io.wasmgate.host.wasi;

/** The wasi_errno_t values this host answers with. */
final class Errno {
  static final int SUCCESS = 0;
  static final int BADF = 8;
  static final int FAULT = 21;
  static final int INVAL = 28;
  static final int IO = 29;
  static final int NOENT = 44;
  static final int NOSYS = 52;
  static final int NOTSUP = 58;

  private Errno() {}
}
