package io.wasmgate.cli;

import io.wasmgate.oci.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints transfer progress of large blobs (1 MiB and up) to stderr in 10% steps. */
final class StderrProgress implements ProgressListener {
  private static final long LARGE = 1024 * 1024;

  private final PrintWriter err;
  private final String verb;
  private String current;
  private long lastStep = -1;

  StderrProgress(PrintWriter err, String verb) {
    this.err = err;
    this.verb = verb;
  }

  @Override
  public void progress(String what, long done, long total) {
    if (total < LARGE) {
      return;
    }
    if (!what.equals(current)) {
      current = what;
      lastStep = -1;
    }
    long step = done * 10 / total;
    if (step != lastStep) {
      lastStep = step;
      err.printf(Locale.ROOT, "%s %s: %d%% (%.1f of %.1f MiB)%n", verb, what, step * 10, done / 1048576.0,
          total / 1048576.0);
      err.flush();
    }
  }
}
