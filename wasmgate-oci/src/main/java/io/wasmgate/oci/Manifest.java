package io.wasmgate.oci;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A manifest or index as fetched: its media type (from the document, else the Content-Type), digest and raw bytes,
 * with the config/layers of an image manifest or the entries of an index.
 */
public record Manifest(String mediaType, String digest, byte[] bytes, Descriptor config, List<Descriptor> layers,
    List<Descriptor> entries) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  static Manifest parse(byte[] bytes, String contentType, String digest, String where) throws OciException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new OciException(where + " is not a JSON manifest");
    }
    String mediaType = root.path("mediaType").asString("");
    if (mediaType.isEmpty()) {
      // OCI documents may omit mediaType; an index is recognisable by its manifests array.
      mediaType = contentType != null && !contentType.isBlank() ? contentType
          : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (MediaTypes.isIndex(mediaType)) {
      return new Manifest(mediaType, digest, bytes, null, List.of(), descriptors(root.path("manifests"), where));
    }
    if (!MediaTypes.OCI_MANIFEST.equals(mediaType) && !MediaTypes.DOCKER_MANIFEST.equals(mediaType)) {
      throw new OciException(where + " has unsupported manifest media type " + mediaType
          + " (expected a Docker v2 or OCI image manifest or index)");
    }
    if (!root.has("config")) {
      throw new OciException(where + " is an image manifest without a config");
    }
    Descriptor config = Descriptor.fromJson(root.path("config"), where);
    return new Manifest(mediaType, digest, bytes, config, descriptors(root.path("layers"), where), List.of());
  }

  private static List<Descriptor> descriptors(JsonNode array, String where) throws OciException {
    List<Descriptor> result = new ArrayList<>();
    for (JsonNode node : array) {
      result.add(Descriptor.fromJson(node, where));
    }
    return List.copyOf(result);
  }
}
