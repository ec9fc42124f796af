package io.wasmgate.oci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to reach registries: which ones speak plain HTTP (only those listed), which CA to trust for HTTPS (the JDK trust
 * store unless a PEM file is given), credentials, timeouts, the largest blob accepted and the upload chunk size
 * (0 = one monolithic PUT).
 */
public record RegistryOptions(
    Set<String> insecureRegistries,
    Optional<Path> caFile,
    CredentialSource credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxBlobBytes,
    int uploadChunkBytes) {

  /** Istio's default limit on a Wasm binary (ISTIO_WASM_MAX_BINARY_SIZE_BYTES). */
  public static final long DEFAULT_MAX_BLOB_BYTES = 256L * 1024 * 1024;

  public RegistryOptions {
    insecureRegistries =
        insecureRegistries.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    if (maxBlobBytes <= 0) {
      throw new IllegalArgumentException("maxBlobBytes must be positive");
    }
    if (uploadChunkBytes < 0) {
      throw new IllegalArgumentException("uploadChunkBytes must not be negative");
    }
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(), Optional.empty(), CredentialSource.anonymous(), Duration.ofSeconds(10), Duration.ofSeconds(60),
        DEFAULT_MAX_BLOB_BYTES, 0);
  }

  public RegistryOptions withInsecure(String... registries) {
    return new RegistryOptions(Set.of(registries), caFile, credentials, connectTimeout, requestTimeout, maxBlobBytes,
        uploadChunkBytes);
  }

  public RegistryOptions withCaFile(Path pem) {
    return new RegistryOptions(insecureRegistries, Optional.of(pem), credentials, connectTimeout, requestTimeout,
        maxBlobBytes, uploadChunkBytes);
  }

  public RegistryOptions withCredentials(CredentialSource source) {
    return new RegistryOptions(insecureRegistries, caFile, source, connectTimeout, requestTimeout, maxBlobBytes,
        uploadChunkBytes);
  }

  public RegistryOptions withMaxBlobBytes(long max) {
    return new RegistryOptions(insecureRegistries, caFile, credentials, connectTimeout, requestTimeout, max,
        uploadChunkBytes);
  }

  public RegistryOptions withUploadChunkBytes(int chunk) {
    return new RegistryOptions(insecureRegistries, caFile, credentials, connectTimeout, requestTimeout, maxBlobBytes,
        chunk);
  }

  public RegistryOptions withTimeouts(Duration connect, Duration request) {
    return new RegistryOptions(insecureRegistries, caFile, credentials, connect, request, maxBlobBytes,
        uploadChunkBytes);
  }

  boolean isInsecure(String registry) {
    return insecureRegistries.contains(registry.toLowerCase(Locale.ROOT));
  }
}
