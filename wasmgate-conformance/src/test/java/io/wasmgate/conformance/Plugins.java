package io.wasmgate.conformance;

import java.nio.file.Path;

/** The committed plugin binaries under /plugins that the suite runs. */
final class Plugins {
  static final Path ROOT = Path.of("..", "plugins").toAbsolutePath().normalize();
  static final Path GO = ROOT.resolve("go/conformance/plugin.wasm");
  static final Path GO_SHARED_STATE = ROOT.resolve("go/shared-state/plugin.wasm");
  static final Path GO_CALLOUT_BODY = ROOT.resolve("go/callout-body/plugin.wasm");
  static final Path C_BODY_REWRITE = ROOT.resolve("c/body-rewrite/plugin.wasm");
  static final Path C_AUTH_CALLOUT = ROOT.resolve("c/auth-callout/plugin.wasm");
  static final Path C_SHARED_STATE = ROOT.resolve("c/shared-state/plugin.wasm");
  static final Path C_METRICS_FOREIGN = ROOT.resolve("c/metrics-foreign/plugin.wasm");
  static final Path C_CONFORMANCE = ROOT.resolve("c/conformance/plugin.wasm");
  static final Path C_V010 = ROOT.resolve("c/abi-v010/plugin.wasm");
  static final Path AS = ROOT.resolve("assemblyscript/conformance/plugin.wasm");
  static final Path RUST = ROOT.resolve("rust/conformance/plugin.wasm");

  private Plugins() {}
}
