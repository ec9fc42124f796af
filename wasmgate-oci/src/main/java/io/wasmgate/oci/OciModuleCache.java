package io.wasmgate.oci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Wasm modules from registries through a content-addressed disk cache shared by all plugins (see
 * {@link ModuleStore}): an image reference (tag or digest) maps to its manifest digest and module digest. A gateway
 * restarting while the registry is down serves what it has cached.
 */
public final class OciModuleCache {
  private static final Logger LOG = LoggerFactory.getLogger(OciModuleCache.class);

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

  private final ModuleStore store;
  private final RegistryOptions baseOptions;
  private final SecretStore secrets;

  /** {@code ~/.wasmgate/cache}: per user, shared by every gateway the user runs (modules are content-addressed). */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".wasmgate", "cache");
  }

  public OciModuleCache(Path dir, RegistryOptions baseOptions, SecretStore secrets) {
    this.store = new ModuleStore(dir);
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
    CachedModule stored =
        store.put(pulled.wasm(), pulled.manifestDigest(), ref.toString(), pinned.withTagRemoved().toString());
    LOG.info("cached {} as {} (manifest {})", ref, stored.file().getFileName(), pulled.manifestDigest());
    return verified(stored, request);
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
    return store.lookup(ref.toString());
  }
}
