package io.wasmgate.plugin.lifecycle;

import io.wasmgate.oci.CachedModule;
import io.wasmgate.oci.HttpModuleCache;
import io.wasmgate.oci.OciModuleCache;
import io.wasmgate.oci.PullPolicy;
import io.wasmgate.oci.RegistryOptions;
import io.wasmgate.oci.SecretStore;
import io.wasmgate.plugin.model.ModuleUrl;
import io.wasmgate.plugin.model.WasmPlugin;
import io.wasmgate.plugin.model.WasmPluginSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where plugins' {@code oci://} and {@code http(s)://} modules come from: one on-disk cache shared by both kinds,
 * registry settings (insecure registries, CA file), the secrets directory that {@code imagePullSecret} names, and the
 * retry policy. Built by whoever starts the gateway; the cache clients are created on first use.
 */
public final class RemoteModules {
  /** Per-request limits: a registry or server that is down or stuck fails one attempt, not the whole fetch. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Path cacheDir;
  private final RegistryOptions options;
  private final SecretStore secrets;
  private final FetchPolicy policy;
  private OciModuleCache oci;
  private HttpModuleCache http;

  /**
   * @param options insecure registries and CA file; credentials come from each plugin's imagePullSecret
   */
  public RemoteModules(Path cacheDir, RegistryOptions options, SecretStore secrets, FetchPolicy policy) {
    this.cacheDir = cacheDir;
    this.options = options.withTimeouts(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    this.secrets = secrets;
    this.policy = policy;
  }

  /** {@code ~/.wasmgate/cache}, the default secrets directory, no insecure registries, Istio's retry policy. */
  public static RemoteModules defaults() {
    return new RemoteModules(OciModuleCache.defaultDirectory(), RegistryOptions.defaults(),
        new SecretStore(SecretStore.defaultDirectory()), FetchPolicy.DEFAULT);
  }

  FetchPolicy policy() {
    return policy;
  }

  /**
   * One attempt at the plugin's module: from the cache or the network, as its pull policy says. For images,
   * spec.sha256 may be the manifest digest (Istio's meaning) or the module's; for downloads, the module's.
   */
  CachedModule fetch(WasmPlugin plugin) throws IOException {
    WasmPluginSpec spec = plugin.spec();
    ModuleUrl url = spec.module();
    String declared = spec.imagePullPolicy() == null ? null : spec.imagePullPolicy().wireName();
    if (url.image() != null) {
      return ociCache().fetch(new OciModuleCache.Request(url.image(), PullPolicy.effective(declared, url.image()),
          plugin.metadata().namespace(), spec.imagePullSecret(), spec.sha256()));
    }
    // "latest" means nothing for a URL, so an unspecified policy is IfNotPresent, as in Istio.
    PullPolicy policy = "Always".equals(declared) ? PullPolicy.ALWAYS : PullPolicy.IF_NOT_PRESENT;
    return httpCache().fetch(new HttpModuleCache.Request(url.http(), policy, spec.sha256()));
  }

  private synchronized OciModuleCache ociCache() {
    if (oci == null) {
      oci = new OciModuleCache(cacheDir, options, secrets);
    }
    return oci;
  }

  private synchronized HttpModuleCache httpCache() throws IOException {
    if (http == null) {
      http = new HttpModuleCache(cacheDir, options);
    }
    return http;
  }
}
