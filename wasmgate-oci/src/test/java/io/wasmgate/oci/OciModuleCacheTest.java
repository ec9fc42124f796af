package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module cache against a real registry with Basic auth, credentials coming from a pull secret. */
class OciModuleCacheTest {
  static final String USER = "cache-user";
  static final String PASSWORD = "cache-Pa55";

  @TempDir Path dir;

  @BeforeAll
  static void requireRegistry() {
    TestRegistry.assumeInstalled();
  }

  private TestRegistry startRegistry() throws Exception {
    Files.createDirectories(dir.resolve("registry"));
    return TestRegistry.builder(dir.resolve("registry")).htpasswd(USER, PASSWORD).start();
  }

  private SecretStore secrets(String registry) throws IOException {
    SecretStore store = new SecretStore(dir.resolve("secrets"));
    store.writeDockerRegistrySecret("istio-system", "wasm-secret", registry, new Credentials(USER, PASSWORD));
    return store;
  }

  private static String push(TestRegistry registry, OciReference ref, byte[] wasm) throws IOException {
    RegistryClient client = new RegistryClient(RegistryOptions.defaults().withInsecure(registry.address())
        .withCredentials(CredentialSource.of(new Credentials(USER, PASSWORD))));
    return new OciPusher(client).push(ref, wasm, ImageFormat.DOCKER_IMAGE, ProgressListener.NONE);
  }

  private OciModuleCache cache(TestRegistry registry, SecretStore secrets) {
    return new OciModuleCache(dir.resolve("cache"), RegistryOptions.defaults().withInsecure(registry.address()),
        secrets);
  }

  private static OciModuleCache.Request request(OciReference ref, PullPolicy policy, String sha256) {
    return new OciModuleCache.Request(ref, policy, "istio-system", "wasm-secret", sha256);
  }

  @Test
  void restartWhileTheRegistryIsDownServesTheCachedModule() throws Exception {
    byte[] wasm = TestWasm.module(8_000, 1);
    OciReference ref;
    try (TestRegistry registry = startRegistry()) {
      ref = OciReference.parse(registry.address() + "/cached/plugin:v1");
      push(registry, ref, wasm);
      OciModuleCache cache = cache(registry, secrets(registry.address()));
      CachedModule first = cache.fetch(request(ref, PullPolicy.IF_NOT_PRESENT, null));
      assertThat(first.fromCache()).isFalse();
      assertThat(Files.readAllBytes(first.file())).isEqualTo(wasm);
    }
    // A new cache over the same directory, as after a gateway restart.
    OciModuleCache restarted = new OciModuleCache(dir.resolve("cache"),
        RegistryOptions.defaults().withInsecure(ref.registry()), new SecretStore(dir.resolve("secrets")));
    for (PullPolicy policy : PullPolicy.values()) {
      CachedModule again = restarted.fetch(request(ref, policy, null));
      assertThat(again.fromCache()).isTrue();
      assertThat(Files.readAllBytes(again.file())).isEqualTo(wasm);
    }
  }

  @Test
  void alwaysPicksUpANewImageUnderTheSameTagAndIfNotPresentKeepsTheCachedOne() throws Exception {
    try (TestRegistry registry = startRegistry()) {
      OciReference ref = OciReference.parse(registry.address() + "/moving/plugin:v1");
      OciModuleCache cache = cache(registry, secrets(registry.address()));
      byte[] v1 = TestWasm.module(1_000, 1);
      byte[] v2 = TestWasm.module(1_000, 2);
      push(registry, ref, v1);
      cache.fetch(request(ref, PullPolicy.IF_NOT_PRESENT, null));
      String v2Digest = push(registry, ref, v2);

      assertThat(Files.readAllBytes(cache.fetch(request(ref, PullPolicy.IF_NOT_PRESENT, null)).file())).isEqualTo(v1);
      CachedModule always = cache.fetch(request(ref, PullPolicy.ALWAYS, null));
      assertThat(always.fromCache()).isFalse();
      assertThat(always.manifestDigest()).isEqualTo(v2Digest);
      assertThat(Files.readAllBytes(always.file())).isEqualTo(v2);
      assertThat(cache.fetch(request(ref, PullPolicy.ALWAYS, null)).fromCache()).isTrue();

      OciReference pinned = OciReference.parse(registry.address() + "/moving/plugin@" + v2Digest);
      assertThat(cache.fetch(request(pinned, PullPolicy.ALWAYS, null)).fromCache()).isTrue();
    }
  }

  @Test
  void sha256IsCheckedAgainstTheManifestOrTheModule() throws Exception {
    try (TestRegistry registry = startRegistry()) {
      OciReference ref = OciReference.parse(registry.address() + "/checked/plugin:v1");
      byte[] wasm = TestWasm.module(1_000, 3);
      String manifestDigest = push(registry, ref, wasm);
      OciModuleCache cache = cache(registry, secrets(registry.address()));
      String wasmHex = Digests.sha256(wasm).substring(7);

      assertThat(cache.fetch(request(ref, PullPolicy.ALWAYS, manifestDigest.substring(7))).wasmSha256())
          .isEqualTo(wasmHex);
      assertThat(cache.fetch(request(ref, PullPolicy.ALWAYS, wasmHex)).wasmSha256()).isEqualTo(wasmHex);
      assertThatThrownBy(() -> cache.fetch(request(ref, PullPolicy.ALWAYS, "0".repeat(64))))
          .hasMessageContaining("sha256 mismatch for " + ref + ": spec.sha256 is " + "0".repeat(64));
    }
  }

  @Test
  void missingPullSecretIsNamed() throws Exception {
    try (TestRegistry registry = startRegistry()) {
      OciReference ref = OciReference.parse(registry.address() + "/secret/plugin:v1");
      OciModuleCache cache = cache(registry, new SecretStore(dir.resolve("empty")));
      assertThatThrownBy(() -> cache.fetch(request(ref, PullPolicy.IF_NOT_PRESENT, null)))
          .hasMessage("secret istio-system/wasm-secret not found in " + dir.resolve("empty"));
    }
  }

  @Test
  void latestWithoutADeclaredPolicyMeansAlways() {
    assertThat(PullPolicy.effective(null, OciReference.parse("r.local/p"))).isEqualTo(PullPolicy.ALWAYS);
    assertThat(PullPolicy.effective("", OciReference.parse("r.local/p:v1"))).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(PullPolicy.effective("IfNotPresent", OciReference.parse("r.local/p"))).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThatThrownBy(() -> PullPolicy.effective("Never", OciReference.parse("r.local/p")))
        .hasMessageContaining("'Never'");
  }
}
