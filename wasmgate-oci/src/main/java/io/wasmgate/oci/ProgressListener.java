package io.wasmgate.oci;

/** Told how far a blob transfer got; {@code what} names the blob (e.g. "layer sha256:ab12..."). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (what, done, total) -> {};

  void progress(String what, long doneBytes, long totalBytes);
}
