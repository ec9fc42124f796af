package io.wasmgate.plugin.lifecycle;

import io.wasmgate.host.LocalResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Envoy's answer when a fail-closed plugin cannot run: 503, details "wasm_fail_stream". */
final class FailClosedResponse {
  static final String DETAILS = "wasm_fail_stream";

  private FailClosedResponse() {}

  static LocalResponse create() {
    return new LocalResponse(
        503,
        DETAILS,
        "wasm plugin unavailable\n".getBytes(StandardCharsets.UTF_8),
        List.of(Map.entry("content-type", "text/plain")),
        -1);
  }
}
