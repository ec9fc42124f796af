package io.wasmgate.e2e;

import java.util.Arrays;
import java.util.stream.Collectors;

/** WasmPlugin manifests as users write them, pointing at the committed plugin binaries. */
final class WasmPluginYaml {
  static final String NAMESPACE = "istio-system";
  static final String GO_HEADER_AUTH = "examples/header-authorization/plugin.wasm";
  static final String C_HEADER_AUTH = "plugins/c/header-authorization/plugin.wasm";
  static final String CHAIN_MARKER = "plugins/c/chain-marker/plugin.wasm";
  static final String NO_ABI_MARKER = "plugins/wat/no-abi-marker.wasm";
  static final String MISSING_IMPORT = "plugins/wat/missing-import.wasm";
  static final String TRAP_ON_REQUEST = "plugins/wat/trap-on-request.wasm";
  static final String CONFIGURE_FAILS = "plugins/wat/configure-fails.wasm";

  private WasmPluginYaml() {}

  /** file:///absolute/path of a committed binary. */
  static String url(String module) {
    return "file://" + GatewayProcess.ROOT.resolve(module);
  }

  /** A WasmPlugin in {@value #NAMESPACE}; spec lines (may hold newlines) are indented under spec. */
  static String plugin(String name, String module, String... specLines) {
    return header(name) + "spec:\n  url: " + url(module) + "\n" + indent(specLines);
  }

  /** A chain-marker plugin configured with {"tag": tag}. */
  static String chainMarker(String name, String tag, String... specLines) {
    String[] lines = new String[specLines.length + 1];
    lines[0] = "pluginConfig: {tag: " + tag + "}";
    System.arraycopy(specLines, 0, lines, 1, specLines.length);
    return plugin(name, CHAIN_MARKER, lines);
  }

  /** apiVersion, kind and metadata only: enough to delete a resource. */
  static String reference(String namespace, String name) {
    return "apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\n";
  }

  /** apiVersion, kind and metadata; the caller writes spec. */
  static String header(String name) {
    return reference(NAMESPACE, name);
  }

  /** Several documents in one YAML stream. */
  static String documents(String... documents) {
    return String.join("---\n", documents);
  }

  private static String indent(String... lines) {
    return Arrays.stream(lines).flatMap(String::lines).map(l -> "  " + l + "\n").collect(Collectors.joining());
  }
}
