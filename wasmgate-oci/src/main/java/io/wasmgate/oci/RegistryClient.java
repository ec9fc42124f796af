package io.wasmgate.oci;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The registry HTTP API (distribution spec) for one set of {@link RegistryOptions}: manifests and blobs, read and
 * written. Every blob read is checked against its digest and the size limit; thread-safe.
 */
public final class RegistryClient {
  private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
  private static final int READ_BUFFER = 64 * 1024;

  private final RegistryHttp http;

  public RegistryClient(RegistryOptions options) throws OciException {
    this.http = new RegistryHttp(options);
  }

  public RegistryOptions options() {
    return http.options();
  }

  /** GETs a manifest or index by tag or digest; a digest in the reference is verified. */
  public Manifest getManifest(OciReference ref) throws IOException {
    HttpRequest request = http.request(http.uri(ref, "manifests/" + ref.manifestReference()))
        .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT))
        .GET().build();
    HttpResponse<InputStream> response = http.send(ref, request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() == 404) {
      throw RegistryHttp.statusError(response, "manifest " + ref + " not found");
    }
    if (response.statusCode() != 200) {
      throw RegistryHttp.statusError(response, "cannot fetch manifest " + ref);
    }
    byte[] bytes = readLimited(response.body(), MAX_MANIFEST_BYTES, "manifest " + ref, "", -1, ProgressListener.NONE);
    String digest = Digests.sha256(bytes);
    if (ref.digest() != null) {
      Digests.verify("manifest " + ref, ref.digest(), bytes);
    }
    String contentType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(null);
    return Manifest.parse(bytes, contentType, digest, "manifest " + ref);
  }

  /** GETs a blob, enforcing the size limit and the descriptor's size and digest. */
  public byte[] fetchBlob(OciReference ref, Descriptor blob, ProgressListener progress) throws IOException {
    long limit = options().maxBlobBytes();
    String what = "blob " + blob.digest() + " of " + ref.registry() + "/" + ref.repository();
    if (blob.size() > limit) {
      throw new OciException(what + " is " + blob.size() + " bytes, over the limit of " + limit);
    }
    HttpRequest request = http.request(http.uri(ref, "blobs/" + blob.digest())).GET().build();
    HttpResponse<InputStream> response = http.send(ref, request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw RegistryHttp.statusError(response, "cannot fetch " + what);
    }
    byte[] bytes = readLimited(response.body(), limit, what, blob.digest(), blob.size(), progress);
    if (blob.size() >= 0 && bytes.length != blob.size()) {
      throw new OciException("size mismatch for " + what + ": descriptor says " + blob.size() + ", got " + bytes.length);
    }
    return bytes;
  }

  private static byte[] readLimited(InputStream body, long limit, String what, String digest, long total,
      ProgressListener progress) throws IOException {
    MessageDigest sha = Digests.newSha256();
    byte[] buffer = new byte[READ_BUFFER];
    byte[] out = new byte[(int) Math.min(Math.max(total, READ_BUFFER), limit)];
    int length = 0;
    try (body) {
      for (int n; (n = body.read(buffer)) > 0; ) {
        if ((long) length + n > limit) {
          throw new OciException(what + " exceeds the size limit of " + limit + " bytes");
        }
        if (length + n > out.length) {
          out = Arrays.copyOf(out, (int) Math.min(limit, Math.max(out.length * 2L, (long) length + n)));
        }
        System.arraycopy(buffer, 0, out, length, n);
        sha.update(buffer, 0, n);
        length += n;
        progress.progress(what, length, total);
      }
    }
    if (!digest.isEmpty()) {
      String actual = Digests.format(sha);
      if (!actual.equals(digest)) {
        throw new OciException("digest mismatch for " + what + ": got " + actual);
      }
    }
    return Arrays.copyOf(out, length);
  }

  /** HEADs a blob: true when the repository already holds it (so a push can skip the upload). */
  public boolean blobExists(OciReference ref, String digest) throws IOException {
    HttpRequest request = http.request(http.uri(ref, "blobs/" + digest))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<Void> response = http.send(ref, request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 200) {
      return true;
    }
    if (response.statusCode() == 404) {
      return false;
    }
    throw RegistryHttp.statusError(response, "cannot check blob " + digest + " in " + ref.repository());
  }

  /** Uploads a blob: one monolithic PUT, or PATCH chunks then a closing PUT when a chunk size is configured. */
  public void uploadBlob(OciReference ref, byte[] content, ProgressListener progress) throws IOException {
    String digest = Digests.sha256(content);
    String what = "blob " + digest;
    HttpRequest start = http.request(http.uri(ref, "blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<byte[]> started = http.send(ref, start, HttpResponse.BodyHandlers.ofByteArray());
    if (started.statusCode() != 202) {
      throw RegistryHttp.statusError(started, "cannot start upload of " + what + " to " + ref.repository());
    }
    URI location = location(started, ref);
    int chunk = options().uploadChunkBytes();
    if (chunk > 0) {
      for (int offset = 0; offset < content.length; offset += chunk) {
        int end = Math.min(content.length, offset + chunk);
        HttpRequest patch = http.request(location)
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", offset + "-" + (end - 1))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, offset, end - offset)).build();
        HttpResponse<byte[]> patched = http.send(ref, patch, HttpResponse.BodyHandlers.ofByteArray());
        if (patched.statusCode() != 202) {
          throw RegistryHttp.statusError(patched, "chunk " + offset + "-" + (end - 1) + " of " + what + " refused");
        }
        location = location(patched, ref);
        progress.progress(what, end, content.length);
      }
    }
    HttpRequest finish = http.request(withQuery(location, "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(chunk > 0 ? HttpRequest.BodyPublishers.noBody() : withProgress(content, what, progress)).build();
    HttpResponse<byte[]> finished = http.send(ref, finish, HttpResponse.BodyHandlers.ofByteArray());
    if (finished.statusCode() != 201) {
      throw RegistryHttp.statusError(finished, "upload of " + what + " to " + ref.repository() + " refused");
    }
  }

  /** A body that reports how much of it the HTTP client has read, for progress on monolithic uploads. */
  private static HttpRequest.BodyPublisher withProgress(byte[] content, String what, ProgressListener progress) {
    return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
        () -> new FilterInputStream(new ByteArrayInputStream(content)) {
          private long sent;

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, Math.min(length, READ_BUFFER));
            if (n > 0) {
              sent += n;
              progress.progress(what, sent, content.length);
            }
            return n;
          }
        }), content.length);
  }

  /** PUTs a manifest under the reference's tag (or digest) and returns the manifest's digest. */
  public String putManifest(OciReference ref, String mediaType, byte[] manifest) throws IOException {
    HttpRequest request = http.request(http.uri(ref, "manifests/" + ref.manifestReference()))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build();
    HttpResponse<byte[]> response = http.send(ref, request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 201) {
      throw RegistryHttp.statusError(response, "manifest " + ref + " refused");
    }
    return Digests.sha256(manifest);
  }

  private static URI location(HttpResponse<?> response, OciReference ref) throws OciException {
    String header = response.headers().firstValue("Location")
        .orElseThrow(() -> new OciException("registry " + ref.registry() + " sent no upload Location"));
    return response.request().uri().resolve(header);
  }

  private static URI withQuery(URI uri, String query) {
    String text = uri.toString();
    return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + query);
  }
}
