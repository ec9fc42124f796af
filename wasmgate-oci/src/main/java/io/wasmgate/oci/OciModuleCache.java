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
 * Fetches Wasm modules from registries through a content-addressed disk cache shared by all plugins:
 * {@code <dir>/wasm/<sha256>.wasm} holds each module once, {@code <dir>/refs/<key>.json} maps an image reference
 * (tag or digest) to its manifest digest and module digest. A gateway restarting while the registry is down serves
 * what it has cached.
 */
public final class OciModuleCache {
  private static final Logger LOG = LoggerFactory.getLogger(OciModuleCache.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * What to fetch.
   *
   * @param namespace the plugin's namespace, where {@code pullSecret} lives
   * @param pullSecret name of a dockerconfigjson Secret in the {@link SecretStore}, or null
   * @param expectedSha256 hex sha256 from the WasmPlugin; matches the image manifest digest (Istio's meaning) or the
   *     module's own digest; null to skip
   */
  public record Request(OciReference ref, PullPolicy policy, String namespace, String pullSecret,
      String expectedSha256) {}

  private record Entry(String manifestDigest, String wasmSha256) {}

  private final Path dir;
  private final RegistryOptions baseOptions;
  private final SecretStore secrets;

  public OciModuleCache(Path dir, RegistryOptions baseOptions, SecretStore secrets) {
    this.dir = dir;
    this.baseOptions = baseOptions;
    this.secrets = secrets;
  }

  public CachedModule fetch(Request request) throws IOException {
    OciReference ref = request.ref();
    Optional<CachedModule> cached = cached(ref);
    if (cached.isPresent() && (ref.digest() != null || request.policy() == PullPolicy.IF_NOT_PRESENT)) {
      return verified(cached.get(), request);
    }
    RegistryClient client = new RegistryClient(options(request));
    OciPuller puller = new OciPuller(client);
    Manifest manifest;
    try {
      manifest = puller.resolveImage(ref);
    } catch (OciException e) {
      if (cached.isPresent()) {
        LOG.warn("cannot refresh {} ({}); using the cached module {}", ref, e.getMessage(),
            cached.get().manifestDigest());
        return verified(cached.get(), request);
      }
      throw e;
    }
    if (cached.isPresent() && cached.get().manifestDigest().equals(manifest.digest())) {
      return verified(cached.get(), request);
    }
    OciReference pinned = ref.withDigest(manifest.digest());
    PulledModule pulled = new WasmImageExtractor(client.options().maxBlobBytes())
        .extract(manifest, "image " + ref, blob -> client.fetchBlob(pinned, blob, ProgressListener.NONE));
    Path file = store(pulled);
    Entry entry = new Entry(pulled.manifestDigest(), pulled.wasmSha256Hex());
    writeEntry(ref, entry);
    writeEntry(pinned.withTagRemoved(), entry);
    LOG.info("cached {} as {} (manifest {})", ref, file.getFileName(), pulled.manifestDigest());
    return verified(new CachedModule(file, entry.manifestDigest(), entry.wasmSha256(), false), request);
  }

  private RegistryOptions options(Request request) throws OciException {
    if (request.pullSecret() == null || request.pullSecret().isBlank()) {
      return baseOptions;
    }
    return baseOptions.withCredentials(
        CredentialSource.of(secrets.readDockerConfig(request.namespace(), request.pullSecret())));
  }

  private static CachedModule verified(CachedModule module, Request request) throws OciException {
    String expected = request.expectedSha256();
    if (expected != null && !expected.isBlank()) {
      String manifestHex = module.manifestDigest().substring("sha256:".length());
      if (!expected.equals(manifestHex) && !expected.equals(module.wasmSha256())) {
        throw new OciException("sha256 mismatch for " + request.ref() + ": spec.sha256 is " + expected
            + " but the image manifest is " + manifestHex + " and the module is " + module.wasmSha256());
      }
    }
    return module;
  }

  private Optional<CachedModule> cached(OciReference ref) throws IOException {
    Path entryFile = entryFile(ref);
    if (!Files.isRegularFile(entryFile)) {
      return Optional.empty();
    }
    JsonNode json = JSON.readTree(Files.readString(entryFile));
    Entry entry = new Entry(json.path("manifestDigest").asString(""), json.path("wasmSha256").asString(""));
    Path file = wasmFile(entry.wasmSha256());
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (!Digests.sha256(Files.readAllBytes(file)).equals("sha256:" + entry.wasmSha256())) {
      LOG.warn("cached module {} is corrupt; fetching it again", file);
      Files.delete(file);
      return Optional.empty();
    }
    return Optional.of(new CachedModule(file, entry.manifestDigest(), entry.wasmSha256(), true));
  }

  private Path store(PulledModule module) throws IOException {
    Path file = wasmFile(module.wasmSha256Hex());
    if (!Files.isRegularFile(file)) {
      writeAtomically(file, module.wasm());
    }
    return file;
  }

  private void writeEntry(OciReference ref, Entry entry) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("reference", ref.toString());
    json.put("manifestDigest", entry.manifestDigest());
    json.put("wasmSha256", entry.wasmSha256());
    writeAtomically(entryFile(ref), json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Path wasmFile(String sha256Hex) {
    return dir.resolve("wasm").resolve(sha256Hex + ".wasm");
  }

  private Path entryFile(OciReference ref) {
    String key = Digests.sha256(ref.toString().getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
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
