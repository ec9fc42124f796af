package io.wasmgate.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** The committed .wasm fixtures (each built from the .wat beside it with wat2wasm). */
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

  static PluginSpec spec(String configuration) {
    return new PluginSpec(
        "default.test-plugin",
        "test-root",
        "",
        configuration == null ? null : configuration.getBytes(),
        null,
        Map.of("GREETING", "hi"),
        TEST_LIMITS);
  }

  /**
   * No test here is about the CPU deadline, and a first call on a cold JIT of a busy CI machine
   * (the Go runtime on the interpreter, say) can take longer than the gateway's default 500 ms.
   */
  static final VmLimits TEST_LIMITS = new VmLimits(Duration.ofSeconds(30), VmLimits.DEFAULT_MAX_MEMORY_BYTES);
}
