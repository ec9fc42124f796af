package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wasmgate.oci.CredentialSource;
import io.wasmgate.oci.Credentials;
import io.wasmgate.oci.ImageFormat;
import io.wasmgate.oci.OciPusher;
import io.wasmgate.oci.OciReference;
import io.wasmgate.oci.ProgressListener;
import io.wasmgate.oci.RegistryClient;
import io.wasmgate.oci.RegistryOptions;
import io.wasmgate.oci.SecretStore;
import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.plugin.PluginStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * oci:// plugins through the whole lifecycle, against a real registry with htpasswd Basic auth and a pull secret:
 * every image format, both pull policies, the registry down at apply and at restart.
 */
class RemoteModuleLifecycleTest extends ManagerFixture {
  private static final String USER = "puller";
  private static final String PASSWORD = "s3cret-Pa55word";
  private static final FetchPolicy QUICK =
      new FetchPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMillis(300));
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path work;
  private TestRegistry registry;
  private int registryPort;

  @BeforeAll
  static void requireRegistry() {
    TestRegistry.assumeInstalled();
  }

  @AfterEach
  void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private void startRegistry() throws Exception {
    Files.createDirectories(work.resolve("registry"));
    if (registryPort == 0) {
      registryPort = TestRegistry.freePort();
    }
    registry = TestRegistry.builder(work.resolve("registry")).htpasswd(USER, PASSWORD).port(registryPort).start();
  }

  private void stopRegistryNow() throws Exception {
    registry.close();
    registry = null;
  }

  private String address() {
    return "127.0.0.1:" + registryPort;
  }

  private String push(Path module, String repoAndTag, ImageFormat format) throws Exception {
    RegistryClient client = new RegistryClient(RegistryOptions.defaults().withInsecure(address())
        .withCredentials(CredentialSource.of(new Credentials(USER, PASSWORD))));
    return new OciPusher(client).push(OciReference.parse(address() + "/" + repoAndTag), Files.readAllBytes(module),
        format, ProgressListener.NONE);
  }

  private RemoteModules remoteModules() throws Exception {
    SecretStore secrets = new SecretStore(work.resolve("secrets"));
    secrets.writeDockerRegistrySecret("default", "wasm-secret", address(), new Credentials(USER, PASSWORD));
    return new RemoteModules(work.resolve("cache"), RegistryOptions.defaults().withInsecure(address()), secrets, QUICK);
  }

  private String authPlugin(String name, String repoAndTag, String... extra) {
    String yaml = Fixtures.plugin(name, Path.of("/unused"), extra)
        .replace("url: file:///unused", "url: oci://" + address() + "/" + repoAndTag + "\n  imagePullSecret: wasm-secret");
    return yaml;
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void everyImageFormatLoadsWithThePullSecret(ImageFormat format) throws Exception {
    startRegistry();
    push(Fixtures.HEADER_AUTHORIZATION, "test-oci/header-authorization:v0.0.1", format);
    start(remoteModules());

    String reply = manager.apply(authPlugin("auth", "test-oci/header-authorization:v0.0.1"));

    assertThat(reply).contains("auth created");
    PluginStatus status = status("auth");
    assertThat(status.state()).isEqualTo("ACTIVE");
    assertThat(status.sha256()).isEqualTo(io.wasmgate.runtime.ModuleDigest.sha256(Files.readAllBytes(Fixtures.HEADER_AUTHORIZATION)));
    assertThat(request(8080).status()).isEqualTo(403);
    assertThat(request(8080, "allow", "true").status()).isEqualTo(200);
    assertThat(counter("wasm.remote_load_cache_misses")).isEqualTo(1);
    assertThat(counter("wasm.remote_load_fetch_successes")).isEqualTo(1);
  }

  @Test
  void withoutThePullSecretTheRegistryRefusesAndNoPasswordLeaks() throws Exception {
    startRegistry();
    push(Fixtures.HEADER_AUTHORIZATION, "private/auth:v1", ImageFormat.DOCKER_IMAGE);
    start(remoteModules());

    String yaml = authPlugin("auth", "private/auth:v1").replace("\n  imagePullSecret: wasm-secret", "");
    assertThatThrownBy(() -> manager.apply(yaml))
        .hasMessageContaining("its module could not be fetched")
        .hasMessageContaining("refused anonymous access")
        .hasMessageNotContaining(PASSWORD);
    assertThat(status("auth").state()).isEqualTo("FETCH_FAILED");
    assertThat(manager.plugins().toString()).doesNotContain(PASSWORD);
    assertThat(counter("wasm.remote_load_fetch_failures")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void registryDownAtApplyFailsClosedThenRecoversWithoutAnotherApply() throws Exception {
    startRegistry();
    push(Fixtures.HEADER_AUTHORIZATION, "test-oci/auth:v1", ImageFormat.DOCKER_IMAGE);
    stopRegistryNow();
    start(remoteModules());

    assertThatThrownBy(() -> manager.apply(authPlugin("auth", "test-oci/auth:v1")))
        .hasMessageContaining("its module could not be fetched")
        .hasMessageContaining("cannot connect to registry " + address())
        .hasMessageContaining("FAIL_CLOSE: matching requests are denied until it loads");
    assertThat(status("auth").state()).isEqualTo("FETCH_FAILED");
    TestStream denied = request(8080, "allow", "true");
    assertThat(denied.status()).isEqualTo(503);
    assertThat(denied.localResponse.details()).isEqualTo(FailClosedResponse.DETAILS);

    startRegistry();
    await().atMost(WAIT).until(() -> status("auth").state().equals("ACTIVE"));
    assertThat(status("auth").lastError()).isNull();
    assertThat(request(8080, "allow", "true").status()).isEqualTo(200);
  }

  @Test
  void failOpenSkipsThePluginWhileItsModuleIsMissing() throws Exception {
    registryPort = TestRegistry.freePort(); // nothing listens there
    start(remoteModules());

    assertThatThrownBy(() -> manager.apply(authPlugin("auth", "test-oci/auth:v1", "failStrategy: FAIL_OPEN")))
        .hasMessageContaining("FAIL_OPEN: requests skip the plugin until it loads");
    assertThat(request(8080).status()).isEqualTo(200);
  }

  @Test
  void restartWithTheRegistryDownServesTheCachedModule() throws Exception {
    startRegistry();
    push(Fixtures.HEADER_AUTHORIZATION, "test-oci/auth:v1", ImageFormat.OCI_WASM_ARTIFACT);
    Fixtures.write(dir, "auth.yaml", authPlugin("auth", "test-oci/auth:v1", "imagePullPolicy: Always"));
    RemoteModules remote = remoteModules();
    start(remote);
    assertThat(status("auth").state()).isEqualTo("ACTIVE");
    manager.close();
    stopRegistryNow();

    start(remote);

    assertThat(status("auth").state()).isEqualTo("ACTIVE");
    assertThat(request(8080).status()).isEqualTo(403);
    assertThat(counter("wasm.remote_load_cache_hits")).isEqualTo(1);
  }

  @Test
  void alwaysPicksUpANewPushOnRestartWhileIfNotPresentKeepsTheCachedModule() throws Exception {
    startRegistry();
    push(Fixtures.HEADER_AUTHORIZATION, "test-oci/plugin:v1", ImageFormat.DOCKER_IMAGE);
    Fixtures.write(dir, "p.yaml", String.join("---\n",
        authPlugin("always", "test-oci/plugin:v1", "imagePullPolicy: Always", "pluginConfig: {tag: a}"),
        authPlugin("cached", "test-oci/plugin:v1", "imagePullPolicy: IfNotPresent", "pluginConfig: {tag: c}")));
    RemoteModules remote = remoteModules();
    start(remote);
    String first = status("always").sha256();
    assertThat(status("cached").sha256()).isEqualTo(first);
    manager.close();

    push(Fixtures.CHAIN_MARKER, "test-oci/plugin:v1", ImageFormat.DOCKER_IMAGE);
    start(remote);

    String second = io.wasmgate.runtime.ModuleDigest.sha256(Files.readAllBytes(Fixtures.CHAIN_MARKER));
    assertThat(status("always").sha256()).isEqualTo(second);
    assertThat(status("cached").sha256()).isEqualTo(first).isNotEqualTo(second);
    assertThat(request(8080, "allow", "true").requestValues("x-chain")).containsExactly("a");
  }
}
