package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.TestCertificates;
import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real docker-registry serving HTTPS with a certificate from a test CA, plus htpasswd auth. */
class TlsRegistryTest {
  @TempDir static Path dir;
  static TestRegistry registry;
  static TestCertificates pki;

  @BeforeAll
  static void start() throws Exception {
    TestRegistry.assumeInstalled();
    pki = TestCertificates.create(dir);
    registry = TestRegistry.builder(dir).tls(pki.serverCertPem, pki.serverKeyPem).htpasswd("tls-user", "tls-pass").start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pushAndPullOverHttpsTrustingTheTestCa() throws IOException {
    RegistryClient client = new RegistryClient(RegistryOptions.defaults().withCaFile(pki.caPem)
        .withCredentials(CredentialSource.of(new Credentials("tls-user", "tls-pass"))));
    OciReference ref = OciReference.parse("oci://" + registry.address() + "/secure/plugin:v1");
    byte[] wasm = TestWasm.module(10_000, 31);

    new OciPusher(client).push(ref, wasm, ImageFormat.DOCKER_IMAGE, ProgressListener.NONE);

    assertThat(new OciPuller(client).pull(ref, ProgressListener.NONE).wasm()).isEqualTo(wasm);
  }

  @Test
  void untrustedCertificateIsReportedAsATlsFailure() {
    OciReference ref = OciReference.parse(registry.address() + "/secure/plugin:v1");
    assertThatThrownBy(() -> new OciPuller(new RegistryClient(RegistryOptions.defaults())).pull(ref,
        ProgressListener.NONE))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("TLS handshake with registry " + registry.address() + " failed")
        .hasMessageContaining("CA file");
  }
}
