package io.wasmgate.plugin.lifecycle;

import io.wasmgate.plugin.ResourceException;
import io.wasmgate.plugin.model.FailStrategy;
import io.wasmgate.plugin.model.ParsedResource;
import io.wasmgate.plugin.model.WasmPlugin;
import io.wasmgate.plugin.model.WasmPluginParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * kubectl-style apply and delete over the plugins directory. A new resource goes to
 * "namespace.name.yaml"; an existing one is rewritten in the file that holds it, unless that file
 * holds other resources too (then the user edits it). Nothing is written unless every document is
 * valid and every target is writable.
 */
final class ResourceStore {
  private static final String SOURCE = "request";
  private static final String RESOURCE = "wasmplugin.extensions.istio.io";

  /** The manager's reconcile, run after the files changed. */
  interface ReconcileAction {
    void run() throws IOException;
  }

  private record Write(ParsedResource resource, Path file, String verb) {}

  private final PluginDirectory directory;

  ResourceStore(PluginDirectory directory) {
    this.directory = directory;
  }

  /**
   * @param awaitModules waits (up to the fetch deadline) until the remote modules of the given keys have arrived or
   *     failed, so that the reply can say which
   */
  String apply(String yaml, ReconcileAction reconcile, Reconciler reconciler, Consumer<List<String>> awaitModules)
      throws ResourceException {
    List<ParsedResource> parsed = WasmPluginParser.parse(yaml, SOURCE);
    if (parsed.isEmpty()) {
      throw new ResourceException(SOURCE + ": no WasmPlugin documents");
    }
    Map<String, StoredResource> existing = scan().resources();
    List<Write> plan = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (ParsedResource resource : parsed) {
      WasmPlugin plugin = resource.plugin();
      if (!keys.add(plugin.key())) {
        throw new ResourceException(plugin.origin() + " (" + plugin.key() + "): appears twice in the request");
      }
      plan.add(planWrite(resource, existing));
    }
    StringBuilder out = new StringBuilder();
    parsed.forEach(p -> p.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n')));
    try {
      for (Write write : plan) {
        if (!write.verb().equals("unchanged")) {
          directory.write(write.file(), WasmPluginParser.toYaml(write.resource().manifest()));
        }
      }
      reconcile.run();
    } catch (IOException e) {
      throw new ResourceException("cannot write to the plugins directory " + directory.dir() + ": " + e);
    }
    awaitModules.accept(plan.stream().map(w -> w.resource().plugin().key()).toList());
    List<String> errors = new ArrayList<>();
    for (Write write : plan) {
      WasmPlugin plugin = write.resource().plugin();
      out.append(RESOURCE).append('/').append(plugin.metadata().name()).append(' ').append(write.verb()).append('\n');
      PluginState state = reconciler.state(plugin.key());
      String problem = state == null ? null : switch (state.state) {
        case FAILED -> "its module failed to load: " + state.loadError;
        case FETCH_FAILED -> "its module could not be fetched: " + state.loadError + "; retrying in the background"
            + whileWaiting(state);
        case FETCHING -> "its module is still being fetched"
            + (state.loadError == null ? "" : " (" + state.loadError + ")") + whileWaiting(state);
        default -> null;
      };
      if (problem != null) {
        errors.add("error: " + plugin.key() + " was stored in " + write.file() + " but " + problem);
      }
    }
    if (!errors.isEmpty()) {
      throw new ResourceException(out + String.join("\n", errors));
    }
    return out.toString().stripTrailing();
  }

  private static String whileWaiting(PluginState state) {
    if (state.serving != null) {
      return "";
    }
    return state.resource.spec().failStrategy() == FailStrategy.FAIL_OPEN
        ? " (FAIL_OPEN: requests skip the plugin until it loads)"
        : " (FAIL_CLOSE: matching requests are denied until it loads)";
  }

  private Write planWrite(ParsedResource resource, Map<String, StoredResource> existing) throws ResourceException {
    WasmPlugin plugin = resource.plugin();
    StoredResource current = existing.get(plugin.key());
    if (current == null) {
      Path file = directory.storeFileFor(plugin.metadata().namespace(), plugin.metadata().name());
      for (StoredResource other : existing.values()) {
        if (other.file().equals(file)) {
          throw new ResourceException(
              plugin.origin() + " (" + plugin.key() + "): " + file + " already holds " + other.plugin().key());
        }
      }
      return new Write(resource, file, "created");
    }
    if (!current.soleDocument()) {
      throw new ResourceException(
          plugin.origin() + " (" + plugin.key() + "): defined in " + current.file()
              + " together with other resources; edit that file instead");
    }
    boolean same = current.parsed().manifest().equals(resource.manifest());
    return new Write(resource, current.file(), same ? "unchanged" : "configured");
  }

  String delete(String yaml, ReconcileAction reconcile) throws ResourceException {
    List<String> keys = WasmPluginParser.keys(yaml, SOURCE);
    if (keys.isEmpty()) {
      throw new ResourceException(SOURCE + ": no WasmPlugin documents");
    }
    Map<String, StoredResource> existing = scan().resources();
    List<StoredResource> targets = new ArrayList<>();
    for (String key : keys) {
      StoredResource current = existing.get(key);
      String name = key.substring(key.indexOf('/') + 1);
      if (current == null) {
        throw new ResourceException("wasmplugins.extensions.istio.io \"" + name + "\" not found");
      }
      if (!current.soleDocument()) {
        throw new ResourceException(
            key + " is defined in " + current.file() + " together with other resources; edit that file instead");
      }
      targets.add(current);
    }
    StringBuilder out = new StringBuilder();
    try {
      for (StoredResource target : targets) {
        directory.delete(target.file());
        out.append(RESOURCE).append(" \"").append(target.plugin().metadata().name()).append("\" deleted\n");
      }
      reconcile.run();
    } catch (IOException e) {
      throw new ResourceException("cannot delete from the plugins directory " + directory.dir() + ": " + e);
    }
    return out.toString().stripTrailing();
  }

  private PluginDirectory.Scan scan() throws ResourceException {
    try {
      return directory.scan();
    } catch (IOException e) {
      throw new ResourceException("cannot read the plugins directory " + directory.dir() + ": " + e);
    }
  }
}
