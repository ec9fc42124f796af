package io.wasmgate.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Wasm modules served over {@code http(s)://}, as Istio's HTTP fetcher does: the body is the module itself, or a
 * gzip and/or tar archive holding {@code plugin.wasm}. Modules land in the same content-addressed cache as images
 * (see {@link ModuleStore}), recorded under their URL.
 */
public final class HttpModuleCache {
  private static final Logger LOG = LoggerFactory.getLogger(HttpModuleCache.class);
  /** Archives nest at most as tar inside gzip; more layers than that is not a plugin download. */
  private static final int MAX_UNPACK_STEPS = 3;

  /**
   * What to fetch.
   *
   * @param expectedSha256 hex sha256 of the module from the WasmPlugin; null to skip the check
   */
  public record Request(URI url, PullPolicy policy, String expectedSha256) {}

  private final ModuleStore store;
  private final RegistryOptions options;
  private final HttpClient client;

  /** Uses {@code options}' CA file, timeouts and size limit; insecure registries and credentials do not apply. */
  public HttpModuleCache(Path dir, RegistryOptions options) throws OciException {
    this.store = new ModuleStore(dir);
    this.options = options;
    this.client = TlsContexts.httpClient(options);
  }

  public CachedModule fetch(Request request) throws IOException {
    String source = request.url().toString();
    Optional<CachedModule> cached = request.expectedSha256() != null
        ? store.byDigest(request.expectedSha256(), null)
        : store.lookup(source);
    if (cached.isPresent() && request.policy() == PullPolicy.IF_NOT_PRESENT) {
      return cached.get();
    }
    byte[] wasm;
    try {
      wasm = download(request.url());
    } catch (OciException e) {
      if (cached.isPresent()) {
        LOG.warn("cannot refresh {} ({}); using the cached module {}", source, e.getMessage(), cached.get().wasmSha256());
        return cached.get();
      }
      throw e;
    }
    String sha256 = Digests.sha256(wasm).substring("sha256:".length());
    if (request.expectedSha256() != null && !request.expectedSha256().equals(sha256)) {
      throw new OciException("sha256 mismatch for " + source + ": spec.sha256 is " + request.expectedSha256()
          + " but the module is " + sha256);
    }
    CachedModule stored = store.put(wasm, null, source);
    LOG.info("cached {} as {}", source, stored.file().getFileName());
    return stored;
  }

  private byte[] download(URI url) throws OciException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(options.requestTimeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while downloading " + url);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new OciException("cannot connect to " + url.getAuthority() + " to download " + url, e);
    } catch (HttpTimeoutException e) {
      throw new OciException(url + " did not answer within " + options.requestTimeout(), e);
    } catch (SSLException e) {
      throw new OciException("TLS handshake with " + url.getAuthority() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new OciException("I/O error downloading " + url + ": " + e.getMessage(), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new OciException("downloading " + url + ": server answered HTTP " + response.statusCode());
      }
      byte[] data = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBlobBytes() + 1));
      if (data.length > options.maxBlobBytes()) {
        throw new OciException(url + " is over the limit of " + options.maxBlobBytes() + " bytes");
      }
      return unpack(data, url);
    } catch (OciException e) {
      throw e;
    } catch (IOException e) {
      throw new OciException("I/O error downloading " + url + ": " + e.getMessage(), e);
    }
  }

  /** The module inside {@code data}: itself when it is Wasm, else unwrapped from gzip and tar. */
  private byte[] unpack(byte[] data, URI url) throws OciException {
    long limit = options.maxBlobBytes();
    for (int step = 0; step < MAX_UNPACK_STEPS; step++) {
      if (TarGz.isGzip(data)) {
        data = TarGz.gunzip(data, limit);
      } else if (TarGz.isTar(data)) {
        data = TarGz.extractFromTar(data, WasmImageExtractor.PLUGIN_FILE, limit);
      } else {
        break;
      }
    }
    WasmModules.check(data, limit, url.toString());
    return data;
  }
}
