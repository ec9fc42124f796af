package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.oci.testing.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The tutorial's distribution flow with the real jar and a real registry (Debian's docker-registry, htpasswd Basic
 * auth): {@code wasmgate push} the example, {@code wasmgate create secret docker-registry}, a WasmPlugin with an
 * {@code oci://} URL and {@code imagePullSecret} applied to a running gateway. Then the failure cases: the registry
 * down when the plugin is applied, and a gateway restarting while it is down.
 */
class RegistryDistributionTest {
  private static final String USER = "wasm-user";
  private static final String PASSWORD = "registry-Pa55w0rd";
  private static final Path EXAMPLE = GatewayProcess.ROOT.resolve("examples/header-authorization");
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  @TempDir Path work;
  private TestRegistry registry;
  private int registryPort;
  private Path secretsDir;
  private Path cacheDir;
  private GatewayFixture fixture;

  @BeforeAll
  static void requireRegistry() {
    TestRegistry.assumeInstalled();
  }

  @BeforeEach
  void prepare() throws Exception {
    registryPort = TestRegistry.freePort();
    secretsDir = work.resolve("secrets");
    cacheDir = work.resolve("cache");
    Files.createDirectories(work.resolve("registry"));
  }

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private void startRegistry() throws Exception {
    registry = TestRegistry.builder(work.resolve("registry")).htpasswd(USER, PASSWORD).port(registryPort).start();
  }

  private void stopRegistry() throws Exception {
    registry.close();
    registry = null;
  }

  private String server() {
    return "127.0.0.1:" + registryPort;
  }

  private String image() {
    return "oci://" + server() + "/test-oci/header-authorization:v0.0.1";
  }

  /** The tutorial's WasmPlugin, with the module from the registry instead of the local file. */
  private String wasmPlugin() throws Exception {
    return Files.readString(EXAMPLE.resolve("wasmplugin.yaml"))
        .replace("url: file://examples/header-authorization/plugin.wasm",
            "url: " + image() + "\n  imagePullSecret: wasm-secret");
  }

  private void pushAndCreateSecret() throws Exception {
    Path password = work.resolve("password");
    Files.writeString(password, PASSWORD + "\n");
    GatewayProcess push = GatewayProcess.runToEnd(GatewayFixture.CLI, password, "push",
        EXAMPLE.resolve("plugin.wasm").toString(), image(), "--insecure", "-u", USER, "--password-stdin");
    assertThat(push.exitCode()).as(push.allOutput()).isZero();

    GatewayProcess secret = GatewayProcess.runToEnd(GatewayFixture.CLI, "create", "secret", "docker-registry",
        "wasm-secret", "-n", "istio-system", "--docker-server=" + server(), "--docker-username=" + USER,
        "--docker-password=" + PASSWORD, "--secrets-dir", secretsDir.toString());
    assertThat(secret.exitCode()).as(secret.allOutput()).isZero();
    assertThat(Files.getPosixFilePermissions(secretsDir.resolve("istio-system/wasm-secret.yaml")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  /** {@code wasmgate run} in the quick form, with the tutorial's secrets directory and the registry as insecure. */
  private void startGateway(GatewayFixture prepared) throws Exception {
    fixture = prepared;
    prepared.startQuickForm("--secrets-dir", secretsDir.toString(), "--cache-dir", cacheDir.toString(),
        "--insecure-registry", server(), "--fetch-timeout", "3s");
  }

  private void assertAuthorizes() throws Exception {
    assertThat(Http.get(fixture.port(), "/status/418").statusCode()).isEqualTo(403);
    assertThat(Http.get(fixture.port(), "/status/418", "allow", "true").statusCode()).isEqualTo(418);
  }

  private long stat(String name) throws Exception {
    for (String line : Http.get(fixture.admin, "/stats").body().split("\n")) {
      if (line.startsWith(name + ": ")) {
        return Long.parseLong(line.substring(name.length() + 2).trim());
      }
    }
    return 0;
  }

  @Test
  void tutorialFlowPushSecretApplyThenTheGatewayAuthorizes() throws Exception {
    startRegistry();
    pushAndCreateSecret();
    startGateway(GatewayFixture.prepare(1));

    GatewayProcess apply = fixture.apply(wasmPlugin());

    assertThat(apply.exitCode()).as(apply.allOutput()).isZero();
    assertThat(apply.stdout()).containsExactly("wasmplugin.extensions.istio.io/header-authorization created");
    assertAuthorizes();
    JsonNode status = fixture.plugin("header-authorization");
    assertThat(status.get("state").asString()).isEqualTo("ACTIVE");
    assertThat(status.get("url").asString()).isEqualTo(image());
    assertThat(Http.get(fixture.admin, "/config_dump").body()).doesNotContain(PASSWORD);
    assertThat(fixture.gateway().allOutput()).doesNotContain(PASSWORD);
    assertThat(stat("wasm.remote_load_fetch_successes")).isEqualTo(1);
  }

  @Test
  void registryDownAtApplyFailsClosedRecoversOnItsOwnAndARestartServesFromTheCache() throws Exception {
    startRegistry();
    pushAndCreateSecret();
    stopRegistry();
    startGateway(GatewayFixture.prepare(1));

    GatewayProcess apply = fixture.apply(wasmPlugin());

    assertThat(apply.exitCode()).as(apply.allOutput()).isNotZero();
    assertThat(apply.allOutput()).contains("its module could not be fetched")
        .contains("cannot connect to registry " + server()).contains("FAIL_CLOSE");
    HttpResponse<String> denied = Http.get(fixture.port(), "/status/418", "allow", "true");
    assertThat(denied.statusCode()).isEqualTo(503);
    JsonNode failed = fixture.plugin("header-authorization");
    assertThat(failed.get("state").asString()).isEqualTo("FETCH_FAILED");
    assertThat(failed.get("lastError").asString()).contains("cannot connect to registry");
    assertThat(stat("wasm.remote_load_fetch_failures")).isPositive();

    startRegistry();
    Awaitility.await("the plugin loads once the registry is back").atMost(RECOVERY)
        .until(() -> fixture.plugin("header-authorization").get("state").asString().equals("ACTIVE"));
    assertAuthorizes();

    fixture.close();
    stopRegistry();
    GatewayFixture restarted = GatewayFixture.prepare(1);
    restarted.writePlugin("header-authorization.yaml", wasmPlugin());
    startGateway(restarted);
    assertThat(fixture.plugin("header-authorization").get("state").asString()).isEqualTo("ACTIVE");
    assertAuthorizes();
    assertThat(stat("wasm.remote_load_cache_hits")).isEqualTo(1);
  }
}
