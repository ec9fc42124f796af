package io.wasmgate.runtime;

/** What an import or export names. */
public enum ExternKind {
  FUNCTION,
  TABLE,
  MEMORY,
  GLOBAL,
  TAG
}
