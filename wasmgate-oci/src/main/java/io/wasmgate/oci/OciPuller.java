package io.wasmgate.oci;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pulls a Wasm plugin: resolves an index to linux/amd64 (or its only entry), then extracts the module. */
public final class OciPuller {
  private static final Logger LOG = LoggerFactory.getLogger(OciPuller.class);
  private static final String PLATFORM = "linux/amd64";

  private final RegistryClient client;
  private final WasmImageExtractor extractor;

  public OciPuller(RegistryClient client) {
    this.client = client;
    this.extractor = new WasmImageExtractor(client.options().maxBlobBytes());
  }

  public PulledModule pull(OciReference ref, ProgressListener progress) throws IOException {
    Manifest manifest = resolveImage(ref);
    OciReference pinned = ref.withDigest(manifest.digest());
    PulledModule module = extractor.extract(manifest, "image " + ref, blob -> client.fetchBlob(pinned, blob, progress));
    LOG.info("pulled {} ({} bytes, {}, manifest {})", ref, module.wasm().length, module.format(),
        module.manifestDigest());
    return module;
  }

  /** The image manifest {@code ref} names, following an index to the manifest for this platform. */
  public Manifest resolveImage(OciReference ref) throws IOException {
    Manifest manifest = client.getManifest(ref);
    if (!manifest.isIndex()) {
      return manifest;
    }
    Descriptor chosen = choose(manifest.entries(), ref);
    Manifest image = client.getManifest(ref.withDigest(chosen.digest()));
    if (image.isIndex()) {
      throw new OciException("image index " + ref + " points to another index " + chosen.digest());
    }
    return image;
  }

  private static Descriptor choose(List<Descriptor> entries, OciReference ref) throws OciException {
    if (entries.size() == 1) {
      return entries.get(0);
    }
    for (Descriptor entry : entries) {
      if (PLATFORM.equals(entry.platform())) {
        return entry;
      }
    }
    String found = entries.stream().map(e -> String.valueOf(e.platform())).collect(Collectors.joining(", "));
    throw new OciException("image index " + ref + " has no " + PLATFORM + " entry (platforms: [" + found + "])");
  }
}
