package io.wasmgate.oci;

import java.nio.file.Path;

/**
 * A module in the on-disk cache.
 *
 * @param file the content-addressed file holding the Wasm bytes
 * @param manifestDigest digest of the image manifest it came from
 * @param wasmSha256 hex sha256 of the Wasm bytes
 * @param fromCache true when no download was needed
 */
public record CachedModule(Path file, String manifestDigest, String wasmSha256, boolean fromCache) {}
