package io.wasmgate.plugin;

import java.util.List;

/** What the admin server may do with plugins: kubectl-style apply/delete and a read-only status. */
public interface PluginAdmin {
  /**
   * Validates every WasmPlugin document in {@code yaml} (multi-document), then stores and reconciles
   * them. Nothing is applied when any document is invalid.
   *
   * @return one line per resource, kubectl style: "wasmplugin.extensions.istio.io/NAME created"
   * @throws ResourceException naming the document and field that is wrong
   */
  String apply(String yaml) throws ResourceException;

  /** Deletes the resources named by the documents (kind, metadata.name and namespace). */
  String delete(String yaml) throws ResourceException;

  /** The current state of every known plugin, in chain order. */
  List<PluginStatus> plugins();
}
