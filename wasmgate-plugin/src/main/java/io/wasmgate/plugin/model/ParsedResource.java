package io.wasmgate.plugin.model;

import tools.jackson.databind.JsonNode;

/** A valid resource plus the document it came from (what `apply` stores) and its warnings. */
public record ParsedResource(WasmPlugin plugin, JsonNode manifest, java.util.List<String> warnings) {
  public ParsedResource {
    warnings = java.util.List.copyOf(warnings);
  }
}
