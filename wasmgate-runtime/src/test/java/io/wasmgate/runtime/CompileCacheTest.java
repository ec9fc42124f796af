package io.wasmgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the gateway's default compiled-code cache lives, from system properties. */
class CompileCacheTest {
  private final String savedDir = System.getProperty(CompileCache.DIR_PROPERTY);

  @AfterEach
  void restore() {
    System.clearProperty(CompileCache.ENABLED_PROPERTY);
    if (savedDir == null) {
      System.clearProperty(CompileCache.DIR_PROPERTY);
    } else {
      System.setProperty(CompileCache.DIR_PROPERTY, savedDir);
    }
  }

  @Test
  void directoryPropertyWins() {
    System.setProperty(CompileCache.DIR_PROPERTY, "/var/cache/wasmgate-test");

    assertThat(CompileCache.fromEnvironment().directory()).contains(Path.of("/var/cache/wasmgate-test"));
  }

  @Test
  void falseDisablesTheCache() {
    System.setProperty(CompileCache.ENABLED_PROPERTY, "false");

    assertThat(CompileCache.fromEnvironment().directory()).isEmpty();
  }

  @Test
  void withoutPropertiesItLivesUnderTheCacheRootOrTheHome() {
    System.clearProperty(CompileCache.DIR_PROPERTY);
    String root = System.getenv(CompileCache.CACHE_DIR_ENV);
    Path expected =
        root == null || root.isBlank()
            ? Path.of(System.getProperty("user.home"), ".wasmgate", "cache", "compiled")
            : Path.of(root.trim(), "compiled");

    assertThat(CompileCache.fromEnvironment().directory()).contains(expected);
  }
}
