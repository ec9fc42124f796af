package io.wasmgate.bench;

import io.wasmgate.host.PluginSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The committed plugin binaries the benchmarks load, found from the repository root. */
public enum BenchPlugin {
  /** The tutorial's Go plugin (proxy-wasm-go-sdk, Go wasip1, ~2.7 MB). */
  GO("examples/header-authorization/plugin.wasm"),
  /** The same logic in C against the raw ABI (~11 KB). */
  C("plugins/c/header-authorization/plugin.wasm");

  private static final String MARKER = "examples/header-authorization/plugin.wasm";

  private final String relativePath;

  BenchPlugin(String relativePath) {
    this.relativePath = relativePath;
  }

  public byte[] bytes() {
    Path file = repositoryRoot().resolve(relativePath);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin " + file, e);
    }
  }

  /** The spec the gateway would build for this plugin applied as istio-system/NAME. */
  public PluginSpec spec() {
    String name = "istio-system." + name().toLowerCase() + "-header-authorization";
    return new PluginSpec(
        name, "", "", "{}".getBytes(StandardCharsets.UTF_8), new byte[0], Map.of());
  }

  /**
   * WASMGATE_HOME when set, else the first directory upwards from the working directory that holds
   * the example plugin (forked JMH JVMs keep the working directory and environment).
   */
  static Path repositoryRoot() {
    String home = System.getenv("WASMGATE_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find " + MARKER + " above " + Path.of("").toAbsolutePath() + "; set WASMGATE_HOME");
  }
}
