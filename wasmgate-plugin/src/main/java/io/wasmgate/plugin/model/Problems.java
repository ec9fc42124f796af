package io.wasmgate.plugin.model;

import java.util.ArrayList;
import java.util.List;

/** Errors and warnings found in one document, each as "field.path: what is wrong". */
final class Problems {
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  void error(String path, String message) {
    errors.add(path + ": " + message);
  }

  void warn(String path, String message) {
    warnings.add(path + ": " + message);
  }

  List<String> errors() {
    return errors;
  }

  List<String> warnings() {
    return warnings;
  }
}
