package io.wasmgate.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The on-disk half of the module caches: {@code <dir>/wasm/<sha256>.wasm} holds each module once, whatever source it
 * came from; {@code <dir>/refs/<key>.json} records what a source (an image reference, an HTTP URL) last resolved to.
 * Files are written atomically, so concurrent gateways sharing the directory never read half a module.
 */
final class ModuleStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  ModuleStore(Path dir) {
    this.dir = dir;
  }

  /** The module {@code source} last resolved to, if both the record and an intact module file exist. */
  Optional<CachedModule> lookup(String source) throws IOException {
    Path entryFile = entryFile(source);
    if (!Files.isRegularFile(entryFile)) {
      return Optional.empty();
    }
    JsonNode json = JSON.readTree(Files.readString(entryFile));
    String manifest = json.path("manifestDigest").asString(null);
    return byDigest(json.path("wasmSha256").asString(""), manifest);
  }

  /** The module whose hex sha256 is {@code wasmSha256}, if cached and intact (a corrupt file is removed). */
  Optional<CachedModule> byDigest(String wasmSha256, String manifestDigest) throws IOException {
    Path file = wasmFile(wasmSha256);
    if (wasmSha256.isEmpty() || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (!Digests.sha256(Files.readAllBytes(file)).equals("sha256:" + wasmSha256)) {
      LOG.warn("cached module {} is corrupt; fetching it again", file);
      Files.delete(file);
      return Optional.empty();
    }
    return Optional.of(new CachedModule(file, manifestDigest, wasmSha256, true));
  }

  /** Stores {@code wasm} (once per digest) and records it as what each of {@code sources} resolves to. */
  CachedModule put(byte[] wasm, String manifestDigest, String... sources) throws IOException {
    String sha256 = Digests.sha256(wasm).substring("sha256:".length());
    Path file = wasmFile(sha256);
    if (!Files.isRegularFile(file)) {
      writeAtomically(file, wasm);
    }
    for (String source : sources) {
      ObjectNode json = JSON.createObjectNode();
      json.put("source", source);
      json.put("manifestDigest", manifestDigest);
      json.put("wasmSha256", sha256);
      writeAtomically(entryFile(source), json.toString().getBytes(StandardCharsets.UTF_8));
    }
    return new CachedModule(file, manifestDigest, sha256, false);
  }

  private Path wasmFile(String sha256Hex) {
    return dir.resolve("wasm").resolve(sha256Hex + ".wasm");
  }

  private Path entryFile(String source) {
    String key = Digests.sha256(source.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    return dir.resolve("refs").resolve(key + ".json");
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".fetch", ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
