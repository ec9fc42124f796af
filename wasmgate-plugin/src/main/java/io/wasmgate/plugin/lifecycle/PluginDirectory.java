package io.wasmgate.plugin.lifecycle;

import io.wasmgate.plugin.ResourceException;
import io.wasmgate.plugin.model.ParsedResource;
import io.wasmgate.plugin.model.WasmPluginParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched directory of WasmPlugin YAML (*.yaml, *.yml; hidden files ignored). A file that
 * stops being valid keeps contributing its last valid resources, so an editing mistake never
 * takes a working plugin down; its error is logged once per change and reported.
 */
final class PluginDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);

  /** What one file held the last time it was read. */
  private record FileState(String content, List<ParsedResource> lastValid, String error) {}

  /** The resources in force, and the problems of files, keyed by file. */
  record Scan(Map<String, StoredResource> resources, Map<Path, String> errors) {}

  private final Path dir;
  private final Map<Path, FileState> files = new HashMap<>();

  PluginDirectory(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Re-reads every file whose content changed; the result is keyed by "namespace/name". */
  Scan scan() throws IOException {
    Files.createDirectories(dir);
    List<Path> current;
    try (Stream<Path> listing = Files.list(dir)) {
      current = listing.filter(PluginDirectory::isResourceFile).sorted().toList();
    }
    files.keySet().retainAll(current);
    Map<String, StoredResource> resources = new LinkedHashMap<>();
    Map<Path, String> errors = new LinkedHashMap<>();
    for (Path file : current) {
      FileState state = read(file);
      if (state.error() != null) {
        errors.put(file, state.error());
      }
      for (ParsedResource parsed : state.lastValid()) {
        String key = parsed.plugin().key();
        StoredResource earlier = resources.get(key);
        if (earlier != null) {
          errors.merge(
              file, file + ": " + key + " is already defined in " + earlier.file() + "; ignored here",
              (a, b) -> a + "\n" + b);
        } else {
          resources.put(key, new StoredResource(parsed, file, state.lastValid().size() == 1));
        }
      }
    }
    return new Scan(resources, errors);
  }

  private FileState read(Path file) {
    FileState previous = files.get(file);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return previous != null ? previous : new FileState(null, List.of(), file + ": cannot read: " + e);
    }
    if (previous != null && content.equals(previous.content())) {
      return previous;
    }
    FileState next;
    try {
      List<ParsedResource> parsed = WasmPluginParser.parse(content, file.toString());
      parsed.forEach(p -> p.warnings().forEach(w -> LOG.warn("{}", w)));
      next = new FileState(content, parsed, null);
    } catch (ResourceException e) {
      List<ParsedResource> kept = previous == null ? List.of() : previous.lastValid();
      LOG.warn("invalid WasmPlugin file {}{}:\n{}", file,
          kept.isEmpty() ? "" : " (its previous valid version keeps serving)", e.getMessage());
      next = new FileState(content, kept, e.getMessage());
    }
    files.put(file, next);
    return next;
  }

  /** The file `apply` writes a new resource to: the gateway's own store, "namespace.name.yaml". */
  Path storeFileFor(String namespace, String name) {
    return dir.resolve(namespace + "." + name + ".yaml");
  }

  /** Writes atomically (temporary file then rename) so the watcher never reads half a file. */
  void write(Path file, String yaml) throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.writeString(temp, yaml, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  private static boolean isResourceFile(Path path) {
    String name = path.getFileName().toString();
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml"))
        && Files.isRegularFile(path);
  }
}
