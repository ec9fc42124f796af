package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OciReferenceTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void parsesSchemeHostPortRepositoryAndTag() {
    OciReference ref = OciReference.parse("oci://registry.local:5000/test-oci/header-authorization:v0.0.1");
    assertThat(ref).isEqualTo(new OciReference("registry.local:5000", "test-oci/header-authorization", "v0.0.1", null));
    assertThat(ref.manifestReference()).isEqualTo("v0.0.1");
  }

  @Test
  void noSchemeMeansOciAndNoTagMeansLatest() {
    OciReference ref = OciReference.parse("ghcr.io/org/plugin");
    assertThat(ref.registry()).isEqualTo("ghcr.io");
    assertThat(ref.tag()).isEqualTo("latest");
  }

  @Test
  void digestWinsOverTag() {
    OciReference ref = OciReference.parse("127.0.0.1:5000/repo:v1@" + DIGEST);
    assertThat(ref.tag()).isEqualTo("v1");
    assertThat(ref.manifestReference()).isEqualTo(DIGEST);
    assertThat(ref).hasToString("127.0.0.1:5000/repo:v1@" + DIGEST);
  }

  @Test
  void malformedPartsAreNamed() {
    assertThatThrownBy(() -> OciReference.parse("https://host/repo")).hasMessageContaining("not an OCI reference");
    assertThatThrownBy(() -> OciReference.parse("oci://justahost")).hasMessageContaining("needs host/repository");
    assertThatThrownBy(() -> OciReference.parse("host/Upper/Case:v1")).hasMessageContaining("invalid repository");
    assertThatThrownBy(() -> OciReference.parse("host/repo@sha256:123")).hasMessageContaining("invalid digest");
    assertThatThrownBy(() -> OciReference.parse("host/repo:bad!tag")).hasMessageContaining("invalid tag 'bad!tag'");
  }
}
