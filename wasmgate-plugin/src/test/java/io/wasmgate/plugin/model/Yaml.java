package io.wasmgate.plugin.model;

/** Test documents. */
final class Yaml {
  private Yaml() {}

  /** A valid WasmPlugin with {@code specLines} (each indented by two spaces under spec). */
  static String plugin(String namespace, String name, String... specLines) {
    StringBuilder yaml = new StringBuilder()
        .append("apiVersion: extensions.istio.io/v1alpha1\n")
        .append("kind: WasmPlugin\n")
        .append("metadata:\n  name: ").append(name).append('\n')
        .append("  namespace: ").append(namespace).append('\n')
        .append("spec:\n");
    boolean hasUrl = false;
    for (String line : specLines) {
      yaml.append("  ").append(line).append('\n');
      hasUrl |= line.startsWith("url:");
    }
    if (!hasUrl) {
      yaml.append("  url: file:///opt/plugins/p.wasm\n");
    }
    return yaml.toString();
  }
}
