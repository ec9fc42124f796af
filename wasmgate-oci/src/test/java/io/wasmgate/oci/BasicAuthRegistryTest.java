package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.CapturedLogs;
import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real docker-registry with htpasswd (bcrypt) Basic auth. */
class BasicAuthRegistryTest {
  static final String USER = "wasm-user";
  static final String PASSWORD = "s3cr3t-Pa55word";

  @TempDir static Path dir;
  static TestRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    TestRegistry.assumeInstalled();
    registry = TestRegistry.builder(dir).htpasswd(USER, PASSWORD).start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private RegistryClient client(CredentialSource credentials) throws OciException {
    return new RegistryClient(RegistryOptions.defaults().withInsecure(registry.address()).withCredentials(credentials));
  }

  private OciReference ref(String repoAndTag) {
    return OciReference.parse(registry.address() + "/" + repoAndTag);
  }

  @Test
  void pushAndPullWithCredentialsFromFlags() throws IOException {
    byte[] wasm = TestWasm.module(30_000, 11);
    RegistryClient client = client(CredentialSource.of(new Credentials(USER, PASSWORD)));
    try (CapturedLogs logs = new CapturedLogs()) {
      new OciPusher(client).push(ref("private/plugin:v1"), wasm, ImageFormat.DOCKER_IMAGE, ProgressListener.NONE);
      assertThat(new OciPuller(client).pull(ref("private/plugin:v1"), ProgressListener.NONE).wasm()).isEqualTo(wasm);
      assertThat(logs.text()).contains("pushed").doesNotContain(PASSWORD);
    }
  }

  @Test
  void pullWithCredentialsFromADockerConfig() throws IOException {
    byte[] wasm = TestWasm.module(3_000, 12);
    new OciPusher(client(CredentialSource.of(new Credentials(USER, PASSWORD))))
        .push(ref("private/artifact:v1"), wasm, ImageFormat.OCI_WASM_ARTIFACT, ProgressListener.NONE);
    String json = DockerConfig.toJson(registry.address(), new Credentials(USER, PASSWORD));
    DockerConfig config = DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8));

    PulledModule pulled = new OciPuller(client(CredentialSource.of(config)))
        .pull(ref("private/artifact:v1"), ProgressListener.NONE);

    assertThat(pulled.wasm()).isEqualTo(wasm);
  }

  @Test
  void wrongPasswordIsRefusedWithoutEchoingIt() {
    String wrong = "wrong-Pa55word-value";
    assertThatThrownBy(() -> new OciPuller(client(CredentialSource.of(new Credentials(USER, wrong))))
        .pull(ref("private/plugin:v1"), ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("refused the credentials of user " + USER)
        .hasMessageContaining("401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
  }

  @Test
  void anonymousAccessIsRefused() {
    assertThatThrownBy(() -> new OciPuller(client(CredentialSource.anonymous()))
        .pull(ref("private/plugin:v1"), ProgressListener.NONE))
        .hasMessageContaining("refused anonymous access");
  }
}
