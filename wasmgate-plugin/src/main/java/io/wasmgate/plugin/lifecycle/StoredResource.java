package io.wasmgate.plugin.lifecycle;

import io.wasmgate.plugin.model.ParsedResource;
import io.wasmgate.plugin.model.WasmPlugin;
import java.nio.file.Path;

/**
 * A resource as found in the plugins directory.
 *
 * @param soleDocument the file holds only this resource, so apply may rewrite it and delete remove it
 */
record StoredResource(ParsedResource parsed, Path file, boolean soleDocument) {
  WasmPlugin plugin() {
    return parsed.plugin();
  }
}
