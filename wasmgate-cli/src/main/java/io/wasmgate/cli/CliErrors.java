package io.wasmgate.cli;

import java.net.ConnectException;
import java.nio.file.NoSuchFileException;

/** Turns the exceptions commands throw into one human sentence, without stack traces. */
final class CliErrors {
  private CliErrors() {}

  static String describe(Throwable ex) {
    if (ex instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    }
    if (ex instanceof ConnectException) {
      return "cannot connect: " + (ex.getMessage() == null ? "connection refused" : ex.getMessage());
    }
    String message = ex.getMessage();
    if (message == null || message.isBlank()) {
      return ex.getClass().getSimpleName();
    }
    return message;
  }
}
