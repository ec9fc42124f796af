package io.wasmgate.oci;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the Wasm module in an image manifest the way Istio does: a Docker image's last layer (tar.gz with plugin.wasm),
 * an OCI image's last layer (same, OCI media type), or the raw layer of an OCI Wasm artifact. Anything else is refused
 * with a message listing what the manifest holds.
 */
public final class WasmImageExtractor {
  static final String PLUGIN_FILE = "plugin.wasm";

  /** Fetches a blob the manifest refers to. */
  @FunctionalInterface
  public interface BlobSource {
    byte[] fetch(Descriptor blob) throws IOException;
  }

  private final long maxBytes;

  public WasmImageExtractor(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public PulledModule extract(Manifest manifest, String where, BlobSource blobs) throws IOException {
    if (manifest.isIndex()) {
      throw new OciException(where + " is an image index; resolve it to one manifest first");
    }
    List<Descriptor> layers = manifest.layers();
    Descriptor last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
    byte[] wasm;
    ImageFormat format;
    if (MediaTypes.DOCKER_MANIFEST.equals(manifest.mediaType())) {
      requireLayer(last, MediaTypes.DOCKER_LAYER, manifest, where);
      wasm = TarGz.extract(blobs.fetch(last), PLUGIN_FILE, maxBytes);
      format = ImageFormat.DOCKER_IMAGE;
    } else if (last != null && MediaTypes.OCI_LAYER.equals(last.mediaType())) {
      wasm = TarGz.extract(blobs.fetch(last), PLUGIN_FILE, maxBytes);
      format = ImageFormat.OCI_IMAGE;
    } else {
      List<Descriptor> wasmLayers =
          layers.stream().filter(l -> MediaTypes.WASM_LAYER.equals(l.mediaType())).collect(Collectors.toList());
      if (wasmLayers.size() != 1) {
        throw new OciException(where + " is not a Wasm plugin image: " + describe(manifest) + "; expected a Docker or"
            + " OCI image whose last layer is a tar.gz holding plugin.wasm, or an OCI artifact with exactly one "
            + MediaTypes.WASM_LAYER + " layer");
      }
      wasm = blobs.fetch(wasmLayers.get(0));
      format = ImageFormat.OCI_WASM_ARTIFACT;
    }
    WasmModules.check(wasm, maxBytes, PLUGIN_FILE + " from " + where);
    return new PulledModule(wasm, manifest.digest(), format);
  }

  private static void requireLayer(Descriptor last, String expected, Manifest manifest, String where)
      throws OciException {
    if (last == null || !expected.equals(last.mediaType())) {
      throw new OciException(where + " is not a Wasm plugin image: " + describe(manifest) + "; its last layer must be "
          + expected);
    }
  }

  static String describe(Manifest manifest) {
    String layers = manifest.layers().stream().map(Descriptor::mediaType).collect(Collectors.joining(", "));
    return "manifest " + manifest.mediaType() + " with config " + manifest.config().mediaType()
        + " and layers [" + layers + "]";
  }
}
