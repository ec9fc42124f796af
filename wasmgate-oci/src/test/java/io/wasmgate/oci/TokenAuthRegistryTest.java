package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.CapturedLogs;
import io.wasmgate.oci.testing.TestCertificates;
import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import io.wasmgate.oci.testing.TokenService;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real docker-registry delegating auth to a token service (Bearer challenge, RS256 JWTs). */
class TokenAuthRegistryTest {
  static final String USER = "token-user";
  static final String PASSWORD = "t0ken-Pa55word";

  @TempDir static Path dir;
  static TestRegistry registry;
  static TokenService tokens;

  @BeforeAll
  static void start() throws Exception {
    TestRegistry.assumeInstalled();
    TestCertificates pki = TestCertificates.create(dir);
    tokens = new TokenService(USER, PASSWORD, pki.caKey, pki.caCert.getPublicKey());
    registry = TestRegistry.builder(dir)
        .token(tokens.realm(), TokenService.SERVICE, TokenService.ISSUER, pki.caPem)
        .start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private RegistryClient client(CredentialSource credentials) throws OciException {
    return new RegistryClient(RegistryOptions.defaults().withInsecure(registry.address()).withCredentials(credentials));
  }

  private OciReference ref(String repoAndTag) {
    return OciReference.parse(registry.address() + "/" + repoAndTag);
  }

  @Test
  void pushAndPullWithTokensReusedPerScope() throws IOException {
    byte[] wasm = TestWasm.module(40_000, 21);
    RegistryClient client = client(CredentialSource.of(new Credentials(USER, PASSWORD)));
    try (CapturedLogs logs = new CapturedLogs()) {
      int before = tokens.issuedTokens();
      new OciPusher(client).push(ref("token/plugin:v1"), wasm, ImageFormat.OCI_IMAGE, ProgressListener.NONE);
      int afterPush = tokens.issuedTokens();
      assertThat(new OciPuller(client).pull(ref("token/plugin:v1"), ProgressListener.NONE).wasm()).isEqualTo(wasm);
      assertThat(new OciPuller(client).pull(ref("token/plugin:v1"), ProgressListener.NONE).wasm()).isEqualTo(wasm);

      // One pull token and one pull+push token for the push, none more for the pulls that follow.
      assertThat(afterPush - before).isEqualTo(2);
      assertThat(tokens.issuedTokens()).isEqualTo(afterPush);
      assertThat(logs.text()).contains("fetching registry token").doesNotContain(PASSWORD);
    }
  }

  @Test
  void wrongPasswordIsRejectedByTheTokenServiceWithoutEchoingIt() {
    String wrong = "not-the-Pa55word";
    assertThatThrownBy(() -> new OciPuller(client(CredentialSource.of(new Credentials(USER, wrong))))
        .pull(ref("token/plugin:v1"), ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("rejected the credentials of user " + USER)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
  }

  @Test
  void anonymousTokenWithoutAccessIsRefused() {
    assertThatThrownBy(() -> new OciPuller(client(CredentialSource.anonymous()))
        .pull(ref("token/plugin:v1"), ProgressListener.NONE))
        .hasMessageContaining("refused anonymous access");
  }
}
