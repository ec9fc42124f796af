package io.wasmgate.oci;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A content descriptor from a manifest or index: what a blob is, its digest and size, and an index entry's platform. */
public record Descriptor(String mediaType, String digest, long size, String platform, Map<String, String> annotations) {

  public Descriptor(String mediaType, String digest, long size) {
    this(mediaType, digest, size, null, Map.of());
  }

  static Descriptor fromJson(JsonNode node, String where) throws OciException {
    String digest = node.path("digest").asString("");
    if (!digest.startsWith("sha256:")) {
      throw new OciException(where + " has a descriptor without a sha256 digest: '" + digest + "'");
    }
    JsonNode platform = node.path("platform");
    String os = platform.path("os").asString("");
    String arch = platform.path("architecture").asString("");
    return new Descriptor(
        node.path("mediaType").asString(""),
        digest,
        node.path("size").asLong(-1),
        os.isEmpty() && arch.isEmpty() ? null : os + "/" + arch,
        Map.of());
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
    if (!annotations.isEmpty()) {
      ObjectNode notes = node.putObject("annotations");
      annotations.forEach(notes::put);
    }
    return node;
  }
}
