package io.wasmgate.plugin.model;

import io.wasmgate.oci.OciReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where spec.url points; exactly one of {@code path}, {@code image} and {@code http} is set.
 *
 * <ul>
 *   <li>{@code file:///abs/plugin.wasm}: an absolute path;
 *   <li>{@code file://rel/plugin.wasm}: relative to the gateway's working directory. Strict URI
 *       parsing would read "rel" as a host; a gateway has no file hosts, so the whole remainder is
 *       taken as a path, as people write it;
 *   <li>a plain path, absolute ({@code /abs/plugin.wasm}) or explicitly relative
 *       ({@code ./plugin.wasm}, {@code ../x/plugin.wasm}), relative to the working directory;
 *   <li>{@code oci://host[:port]/repo[:tag|@sha256:...]}, or the same without a scheme (Istio reads
 *       scheme-less URLs as images): pulled from a registry;
 *   <li>{@code http://} and {@code https://}: downloaded (raw Wasm, or gzip/tar holding plugin.wasm).
 * </ul>
 */
public record ModuleUrl(String url, Path path, OciReference image, URI http) {

  /** Parses {@code url}; the exception message starts with what is wrong, for "spec.url: ...". */
  public static ModuleUrl parse(String url) throws IllegalArgumentException {
    if (url.startsWith("file://")) {
      String rest = url.substring("file://".length());
      if (rest.isEmpty() || rest.equals("/")) {
        throw new IllegalArgumentException("file:// URL has no path: \"" + url + "\"");
      }
      return new ModuleUrl(url, resolve(rest), null, null);
    }
    if (url.startsWith("/") || url.startsWith("./") || url.startsWith("../")) {
      return new ModuleUrl(url, resolve(url), null, null);
    }
    int scheme = url.indexOf("://");
    String name = scheme > 0 ? url.substring(0, scheme).toLowerCase(Locale.ROOT) : "oci";
    return switch (name) {
      case "oci" -> new ModuleUrl(url, null, image(url, scheme > 0), null);
      case "http", "https" -> new ModuleUrl(url, null, null, http(url));
      default -> throw new IllegalArgumentException(
          "unsupported scheme \"" + name + "://\" (expected oci://, http://, https:// or file://)");
    };
  }

  /** The module comes from a registry or a web server rather than the local disk. */
  public boolean isRemote() {
    return path == null;
  }

  private static OciReference image(String url, boolean hasScheme) {
    try {
      return OciReference.parse(url);
    } catch (IllegalArgumentException e) {
      String hint = hasScheme ? "" : " (a URL without a scheme is an OCI image reference, as in Istio;"
          + " write file:///absolute/path.wasm or ./relative/path.wasm for a local file)";
      throw new IllegalArgumentException(e.getMessage() + hint);
    }
  }

  private static URI http(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL \"" + url + "\": " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL \"" + url + "\" has no host");
    }
    if (uri.getUserInfo() != null) {
      // It would end up in logs and /config_dump; registries take credentials from imagePullSecret.
      throw new IllegalArgumentException("credentials in the URL are not supported: \"" + uri.getScheme() + "://"
          + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath() + "\"");
    }
    return uri;
  }

  private static Path resolve(String path) {
    return Path.of("").toAbsolutePath().resolve(path).normalize();
  }
}
