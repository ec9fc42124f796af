package io.wasmgate.oci;

import java.util.List;

/** Media types of the manifests and layers wasmgate reads and writes. */
public final class MediaTypes {
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String WASM_CONFIG = "application/vnd.module.wasm.config.v1+json";
  public static final String WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm";

  /** Sent as Accept on manifest requests, so registries do not down-convert to schema 1. */
  public static final List<String> MANIFEST_ACCEPT =
      List.of(OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }
}
