package io.wasmgate.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an engine keeps the code it compiled, so a restart skips compiling a module it has seen.
 * Entries are keyed by the module's sha256 and the engine's version; a missing, partial or corrupt
 * entry is never trusted, only recompiled. Immutable.
 */
public final class CompileCache {
  /** System property naming the directory; overrides the environment. */
  public static final String DIR_PROPERTY = "wasmgate.compiled.cache.dir";

  /** System property; {@code false} turns the cache off. */
  public static final String ENABLED_PROPERTY = "wasmgate.compiled.cache";

  /** Environment variable naming the gateway's cache root; compiled code goes in "compiled". */
  public static final String CACHE_DIR_ENV = "WASMGATE_CACHE_DIR";

  private static final CompileCache DISABLED = new CompileCache(null);

  private final Path directory;

  private CompileCache(Path directory) {
    this.directory = directory;
  }

  /** No cache: every load compiles. */
  public static CompileCache disabled() {
    return DISABLED;
  }

  /** A cache in {@code directory}, created on first write. */
  public static CompileCache at(Path directory) {
    return new CompileCache(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The gateway's default: disabled when {@value #ENABLED_PROPERTY} is {@code false}, else the
   * directory in {@value #DIR_PROPERTY}, else {@code $WASMGATE_CACHE_DIR/compiled}, else {@code
   * ~/.wasmgate/cache/compiled}.
   */
  public static CompileCache fromEnvironment() {
    if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "").trim())) {
      return DISABLED;
    }
    String dir = System.getProperty(DIR_PROPERTY, "").trim();
    if (!dir.isEmpty()) {
      return at(Path.of(dir));
    }
    String root = System.getenv(CACHE_DIR_ENV);
    if (root != null && !root.isBlank()) {
      return at(Path.of(root.trim(), "compiled"));
    }
    return at(Path.of(System.getProperty("user.home"), ".wasmgate", "cache", "compiled"));
  }

  /** The directory, or empty when the cache is disabled. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  @Override
  public String toString() {
    return directory == null ? "compiled-code cache disabled" : "compiled-code cache " + directory;
  }
}
