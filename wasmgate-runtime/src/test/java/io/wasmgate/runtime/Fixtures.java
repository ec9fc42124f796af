package io.wasmgate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed .wasm test fixtures (built from the .wat beside them with wat2wasm). */
final class Fixtures {
  private Fixtures() {}

  static byte[] wasm(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture /wasm/" + name + ".wasm");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
