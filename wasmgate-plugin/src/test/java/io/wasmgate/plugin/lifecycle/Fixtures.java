package io.wasmgate.plugin.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real plugin binaries under /work/main/plugins and WasmPlugin YAML that points at them. */
final class Fixtures {
  static final Path PLUGINS = Path.of("..", "plugins").toAbsolutePath().normalize();
  static final Path CHAIN_MARKER = PLUGINS.resolve("c/chain-marker/plugin.wasm");
  static final Path HEADER_AUTHORIZATION = PLUGINS.resolve("c/header-authorization/plugin.wasm");
  static final Path TRAP_ON_REQUEST = PLUGINS.resolve("wat/trap-on-request.wasm");
  static final Path CONFIGURE_FAILS = PLUGINS.resolve("wat/configure-fails.wasm");
  static final Path NO_ABI_MARKER = PLUGINS.resolve("wat/no-abi-marker.wasm");
  static final Path MISSING_IMPORT = PLUGINS.resolve("wat/missing-import.wasm");
  static final Path FAIL_ON_DEMAND = PLUGINS.resolve("wat/fail-on-demand.wasm");
  static final Path LEAK_PER_REQUEST = PLUGINS.resolve("wat/leak-per-request.wasm");
  static final Path GROW_UNBOUNDED = PLUGINS.resolve("wat/grow-unbounded.wasm");

  private Fixtures() {}

  /** A WasmPlugin in namespace "default" for {@code module}, with extra spec lines. */
  static String plugin(String name, Path module, String... specLines) {
    StringBuilder yaml = new StringBuilder()
        .append("apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\n")
        .append("metadata:\n  name: ").append(name).append("\n  namespace: default\n")
        .append("spec:\n  url: file://").append(module).append('\n');
    for (String line : specLines) {
      yaml.append("  ").append(line).append('\n');
    }
    return yaml.toString();
  }

  /** {@link #plugin} with metadata annotations ({@code key: value} lines). */
  static String annotated(String name, Path module, List<String> annotations, String... specLines) {
    String yaml = plugin(name, module, specLines);
    if (annotations.isEmpty()) {
      return yaml;
    }
    StringBuilder block = new StringBuilder("  annotations:\n");
    annotations.forEach(a -> block.append("    ").append(a).append('\n'));
    return yaml.replace("  namespace: default\n", "  namespace: default\n" + block);
  }

  /** chain-marker tagged {@code tag}. */
  static String marker(String name, String tag, String... specLines) {
    String[] lines = new String[specLines.length + 1];
    lines[0] = "pluginConfig: {tag: " + tag + "}";
    System.arraycopy(specLines, 0, lines, 1, specLines.length);
    return plugin(name, CHAIN_MARKER, lines);
  }

  static void write(Path dir, String file, String yaml) throws IOException {
    Path temp = dir.resolve("." + file + ".tmp");
    Files.writeString(temp, yaml);
    Files.move(temp, dir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
