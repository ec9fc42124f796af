package io.wasmgate.plugin.model;

import java.nio.file.Path;

/**
 * Where spec.url points. Only local files are served for now:
 *
 * <ul>
 *   <li>{@code file:///abs/plugin.wasm}: an absolute path;
 *   <li>{@code file://rel/plugin.wasm}: relative to the gateway's working directory. Strict URI
 *       parsing would read "rel" as a host; a gateway has no file hosts, so the whole remainder is
 *       taken as a path, as people write it;
 *   <li>a plain path, absolute ({@code /abs/plugin.wasm}) or explicitly relative
 *       ({@code ./plugin.wasm}, {@code ../x/plugin.wasm}), relative to the working directory.
 * </ul>
 *
 * <p>{@code oci://}, {@code http://}, {@code https://} and scheme-less references (which Istio
 * reads as OCI images, e.g. {@code ghcr.io/org/plugin:v1}) are refused until remote distribution
 * exists.
 */
public record ModuleUrl(String url, Path path) {

  /** Parses {@code url}; the exception message starts with what is wrong, for "spec.url: ...". */
  public static ModuleUrl parse(String url) throws IllegalArgumentException {
    if (url.startsWith("file://")) {
      String rest = url.substring("file://".length());
      if (rest.isEmpty() || rest.equals("/")) {
        throw new IllegalArgumentException("file:// URL has no path: \"" + url + "\"");
      }
      return new ModuleUrl(url, resolve(rest));
    }
    int scheme = url.indexOf("://");
    if (scheme > 0) {
      String name = url.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
      if (name.equals("oci") || name.equals("http") || name.equals("https")) {
        throw new IllegalArgumentException(
            name + ":// modules are not supported yet (coming with "
                + (name.equals("oci") ? "OCI" : "remote") + " distribution support); use file://");
      }
      throw new IllegalArgumentException(
          "unsupported scheme \"" + name + "://\" (expected file://; oci://, http:// and https:// come later)");
    }
    if (url.startsWith("/") || url.startsWith("./") || url.startsWith("../")) {
      return new ModuleUrl(url, resolve(url));
    }
    throw new IllegalArgumentException(
        "\"" + url + "\" has no scheme, which Istio reads as an OCI image reference; oci:// modules"
            + " are not supported yet (coming with OCI distribution support). For a local file write"
            + " file:///absolute/path.wasm or ./relative/path.wasm");
  }

  private static Path resolve(String path) {
    return Path.of("").toAbsolutePath().resolve(path).normalize();
  }
}
