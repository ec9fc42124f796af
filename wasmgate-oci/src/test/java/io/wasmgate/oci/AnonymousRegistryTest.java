package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Push and pull against a real, anonymous docker-registry over plain HTTP. */
class AnonymousRegistryTest {
  @TempDir static Path dir;
  static TestRegistry registry;
  static RegistryOptions options;

  @BeforeAll
  static void start() throws Exception {
    TestRegistry.assumeInstalled();
    registry = TestRegistry.builder(dir).start();
    options = RegistryOptions.defaults().withInsecure(registry.address());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private OciReference ref(String repoAndTag) {
    return OciReference.parse("oci://" + registry.address() + "/" + repoAndTag);
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void eachFormatRoundTripsByteIdentical(ImageFormat format) throws IOException {
    RegistryClient client = new RegistryClient(options);
    byte[] wasm = TestWasm.module(50_000, format.ordinal());
    OciReference ref = ref("test-oci/header-authorization:" + format.name().toLowerCase().replace('_', '-'));

    String digest = new OciPusher(client).push(ref, wasm, format, ProgressListener.NONE);
    PulledModule pulled = new OciPuller(new RegistryClient(options)).pull(ref, ProgressListener.NONE);

    assertThat(pulled.wasm()).isEqualTo(wasm);
    assertThat(pulled.format()).isEqualTo(format);
    assertThat(pulled.manifestDigest()).isEqualTo(digest);
    PulledModule byDigest = new OciPuller(client).pull(OciReference.parse(registry.address()
        + "/test-oci/header-authorization@" + digest), ProgressListener.NONE);
    assertThat(byDigest.wasm()).isEqualTo(wasm);
  }

  @Test
  void chunkedUploadOfALargeModuleReportsProgressAndRoundTrips() throws IOException {
    RegistryClient client = new RegistryClient(options.withUploadChunkBytes(256 * 1024));
    byte[] wasm = TestWasm.module(1_500_000, 42);
    List<Long> pushed = new ArrayList<>();
    List<Long> pulled = new ArrayList<>();
    OciReference ref = ref("big/module:v1");

    String wasmDigest = Digests.sha256(wasm);
    new OciPusher(client).push(ref, wasm, ImageFormat.OCI_WASM_ARTIFACT, (what, done, total) -> {
      if (what.contains(wasmDigest)) {
        pushed.add(done);
      }
    });
    PulledModule module = new OciPuller(client).pull(ref, (what, done, total) -> {
      if (what.contains(wasmDigest)) {
        pulled.add(done);
      }
    });

    assertThat(module.wasm()).isEqualTo(wasm);
    assertThat(pushed).containsExactly(262_144L, 524_288L, 786_432L, 1_048_576L, 1_310_720L, (long) wasm.length);
    assertThat(pulled).hasSizeGreaterThan(5).isSorted().endsWith((long) wasm.length);
  }

  @Test
  void monolithicUploadReportsProgressAsTheBodyIsSent() throws IOException {
    byte[] wasm = TestWasm.module(700_000, 43);
    String wasmDigest = Digests.sha256(wasm);
    List<Long> pushed = new ArrayList<>();
    new OciPusher(new RegistryClient(options)).push(ref("mono/module:v1"), wasm, ImageFormat.OCI_WASM_ARTIFACT,
        (what, done, total) -> {
          if (what.contains(wasmDigest)) {
            pushed.add(done);
          }
        });
    assertThat(pushed).hasSizeGreaterThan(5).isSorted().endsWith((long) wasm.length);
  }

  @Test
  void pushingTheSameModuleTwiceGivesTheSameDigest() throws IOException {
    RegistryClient client = new RegistryClient(options);
    byte[] wasm = TestWasm.module(1000, 7);
    String first = new OciPusher(client).push(ref("same/module:a"), wasm, ImageFormat.DOCKER_IMAGE, ProgressListener.NONE);
    String second = new OciPusher(client).push(ref("same/module:b"), wasm, ImageFormat.DOCKER_IMAGE, ProgressListener.NONE);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void indexResolvesToLinuxAmd64() throws IOException {
    RegistryClient client = new RegistryClient(options);
    byte[] amd64 = TestWasm.module(500, 1);
    byte[] arm64 = TestWasm.module(500, 2);
    OciPusher pusher = new OciPusher(client);
    String amdDigest = pusher.push(ref("multi/plugin:amd64"), amd64, ImageFormat.OCI_IMAGE, ProgressListener.NONE);
    String armDigest = pusher.push(ref("multi/plugin:arm64"), arm64, ImageFormat.OCI_IMAGE, ProgressListener.NONE);
    long amdSize = client.getManifest(ref("multi/plugin:amd64")).bytes().length;
    long armSize = client.getManifest(ref("multi/plugin:arm64")).bytes().length;
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(armDigest, armSize, "arm64") + "," + entry(amdDigest, amdSize, "amd64") + "]}";
    client.putManifest(ref("multi/plugin:v1"), MediaTypes.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));

    assertThat(new OciPuller(client).pull(ref("multi/plugin:v1"), ProgressListener.NONE).wasm()).isEqualTo(amd64);
  }

  private static String entry(String digest, long size, String arch) {
    return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}";
  }

  @Test
  void imageWithoutAWasmLayerIsRefusedNamingWhatItHolds() throws IOException {
    RegistryClient client = new RegistryClient(options);
    OciReference ref = ref("wrong/type:v1");
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "not a tarball".getBytes(StandardCharsets.UTF_8);
    client.uploadBlob(ref, config, ProgressListener.NONE);
    client.uploadBlob(ref, layer, ProgressListener.NONE);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + "{\"mediaType\":\"application/vnd.example.config+json\",\"digest\":\"" + Digests.sha256(config)
        + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.example.data\",\"digest\":\""
        + Digests.sha256(layer) + "\",\"size\":" + layer.length + "}]}";
    client.putManifest(ref, MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> new OciPuller(client).pull(ref, ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("not a Wasm plugin image")
        .hasMessageContaining("application/vnd.example.config+json")
        .hasMessageContaining("[application/vnd.example.data]");
  }

  @Test
  void layerWithoutPluginWasmIsRefused() throws IOException {
    RegistryClient client = new RegistryClient(options);
    OciReference ref = ref("wrong/content:v1");
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = TarGz.gzip(TarGz.singleFileTar("other.wasm", TestWasm.module(10, 3)));
    client.uploadBlob(ref, config, ProgressListener.NONE);
    client.uploadBlob(ref, layer, ProgressListener.NONE);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":"
        + "{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + Digests.sha256(config)
        + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + MediaTypes.DOCKER_LAYER + "\",\"digest\":\""
        + Digests.sha256(layer) + "\",\"size\":" + layer.length + "}]}";
    client.putManifest(ref, MediaTypes.DOCKER_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> new OciPuller(client).pull(ref, ProgressListener.NONE))
        .hasMessage("plugin.wasm not found in the layer archive");
  }

  @Test
  void missingTagIsReportedAsNotFound() {
    assertThatThrownBy(() -> new OciPuller(new RegistryClient(options)).pull(ref("nothing/here:v9"),
        ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("manifest " + registry.address() + "/nothing/here:v9 not found")
        .hasMessageContaining("404");
  }

  @Test
  void moduleOverTheSizeLimitIsRefused() throws IOException {
    RegistryClient client = new RegistryClient(options);
    OciReference ref = ref("limits/big:v1");
    new OciPusher(client).push(ref, TestWasm.module(20_000, 5), ImageFormat.OCI_WASM_ARTIFACT, ProgressListener.NONE);

    assertThatThrownBy(() -> new OciPuller(new RegistryClient(options.withMaxBlobBytes(10_000)))
        .pull(ref, ProgressListener.NONE))
        .hasMessageContaining("over the limit of 10000");
  }

  @Test
  void pushRefusesBytesThatAreNotWasm() {
    assertThatThrownBy(() -> new OciPusher(new RegistryClient(options)).push(ref("bad/input:v1"),
        "hello world, not wasm".getBytes(StandardCharsets.UTF_8), ImageFormat.DOCKER_IMAGE, ProgressListener.NONE))
        .hasMessageContaining("missing the \\0asm magic");
  }

  @Test
  void plainHttpRegistryNotListedAsInsecureIsNotSilentlyDowngraded() {
    assertThatThrownBy(() -> new OciPuller(new RegistryClient(RegistryOptions.defaults()))
        .pull(ref("any/thing:v1"), ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("TLS handshake with registry " + registry.address() + " failed")
        .hasMessageContaining("list it as insecure if it speaks plain http");
  }
}
