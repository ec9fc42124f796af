package io.wasmgate.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes a Wasm module as an image without Docker. The layouts are deterministic (tar mtime 0, no timestamps in the
 * config), so pushing the same module twice gives the same manifest digest.
 */
public final class OciPusher {
  private static final Logger LOG = LoggerFactory.getLogger(OciPusher.class);
  private static final String TITLE = "org.opencontainers.image.title";

  private final RegistryClient client;

  public OciPusher(RegistryClient client) {
    this.client = client;
  }

  /** Uploads the blobs (skipping ones the repository has) and tags the manifest; returns the manifest digest. */
  public String push(OciReference ref, byte[] wasm, ImageFormat format, ProgressListener progress) throws IOException {
    if (ref.digest() != null) {
      throw new OciException("push needs a tag, not a digest: " + ref);
    }
    WasmModules.check(wasm, client.options().maxBlobBytes(), "module pushed to " + ref);
    Image image = switch (format) {
      case DOCKER_IMAGE -> tarImage(wasm, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER);
      case OCI_IMAGE -> tarImage(wasm, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER);
      case OCI_WASM_ARTIFACT -> wasmArtifact(wasm);
    };
    for (Map.Entry<Descriptor, byte[]> blob : image.blobs().entrySet()) {
      if (client.blobExists(ref, blob.getKey().digest())) {
        progress.progress("blob " + blob.getKey().digest() + " (already present)", blob.getValue().length,
            blob.getValue().length);
      } else {
        client.uploadBlob(ref, blob.getValue(), progress);
      }
    }
    String digest = client.putManifest(ref, image.mediaType(), image.manifest());
    LOG.info("pushed {} as {} ({} bytes of wasm, manifest {})", ref, format, wasm.length, digest);
    return digest;
  }

  private record Image(String mediaType, byte[] manifest, Map<Descriptor, byte[]> blobs) {}

  /** {@code FROM scratch} + {@code ADD plugin.wasm /plugin.wasm}: a config and one tar.gz layer. */
  private static Image tarImage(byte[] wasm, String manifestType, String configType, String layerType) {
    byte[] tar = TarGz.singleFileTar(WasmImageExtractor.PLUGIN_FILE, wasm);
    byte[] layer = TarGz.gzip(tar);
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(Digests.sha256(tar));
    config.putArray("history").addObject().put("created_by", "wasmgate push");
    byte[] configBytes = json(config);
    Descriptor configDescriptor = new Descriptor(configType, Digests.sha256(configBytes), configBytes.length);
    Descriptor layerDescriptor = new Descriptor(layerType, Digests.sha256(layer), layer.length);
    return new Image(manifestType, manifest(manifestType, configDescriptor, List.of(layerDescriptor)),
        Map.of(configDescriptor, configBytes, layerDescriptor, layer));
  }

  /** The Wasm artifact layout Istio reads: runtime-config layer (also the config) and the raw module layer. */
  private static Image wasmArtifact(byte[] wasm) {
    ObjectNode runtime = JsonNodeFactory.instance.objectNode();
    runtime.put("type", "envoy_proxy");
    byte[] configBytes = json(runtime);
    String configDigest = Digests.sha256(configBytes);
    Descriptor config = new Descriptor(MediaTypes.WASM_CONFIG, configDigest, configBytes.length);
    Descriptor configLayer = new Descriptor(MediaTypes.WASM_CONFIG, configDigest, configBytes.length, null,
        Map.of(TITLE, "runtime-config.json"));
    Descriptor wasmLayer = new Descriptor(MediaTypes.WASM_LAYER, Digests.sha256(wasm), wasm.length, null,
        Map.of(TITLE, WasmImageExtractor.PLUGIN_FILE));
    return new Image(MediaTypes.OCI_MANIFEST, manifest(MediaTypes.OCI_MANIFEST, config, List.of(configLayer, wasmLayer)),
        Map.of(config, configBytes, wasmLayer, wasm));
  }

  private static byte[] manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", mediaType);
    manifest.set("config", config.toJson());
    ArrayNode array = manifest.putArray("layers");
    layers.forEach(l -> array.add(l.toJson()));
    return json(manifest);
  }

  private static byte[] json(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
