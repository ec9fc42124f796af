package io.wasmgate.oci;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference {@code [oci://]host[:port]/repository[:tag|@sha256:hex]}. A missing scheme means oci, as in
 * Istio; a missing tag means {@code latest}.
 */
public record OciReference(String registry, String repository, String tag, String digest) {
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?");

  public OciReference {
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("reference needs a tag or a digest");
    }
  }

  /** Parses a reference; the message of the exception says which part is malformed. */
  public static OciReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty OCI reference");
    }
    String rest = text.strip();
    if (rest.regionMatches(true, 0, "oci://", 0, 6)) {
      rest = rest.substring(6);
    } else if (rest.contains("://")) {
      throw new IllegalArgumentException("not an OCI reference (expected oci:// or no scheme): " + text);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("OCI reference needs host/repository: " + text);
    }
    String registry = rest.substring(0, slash);
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry host '" + registry + "' in " + text);
    }
    String path = rest.substring(slash + 1);
    String digest = null;
    int at = path.indexOf('@');
    if (at >= 0) {
      digest = path.substring(at + 1);
      path = path.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("invalid digest '" + digest + "' (expected sha256:<64 hex>) in " + text);
      }
    }
    String tag = null;
    int colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      tag = path.substring(colon + 1);
      path = path.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid tag '" + tag + "' in " + text);
      }
    }
    if (!REPOSITORY.matcher(path).matches()) {
      throw new IllegalArgumentException("invalid repository '" + path + "' (lower-case path expected) in " + text);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new OciReference(registry.toLowerCase(Locale.ROOT), path, tag, digest);
  }

  /** The tag or digest to put in {@code /v2/<repo>/manifests/<reference>}; a digest wins over a tag. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** The same repository, pinned to a digest. */
  public OciReference withDigest(String newDigest) {
    return new OciReference(registry, repository, tag, newDigest);
  }

  /** The digest form {@code host/repo@sha256:...} without the tag, the cache key of a pinned image. */
  public OciReference withTagRemoved() {
    return digest == null ? this : new OciReference(registry, repository, null, digest);
  }

  @Override
  public String toString() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
