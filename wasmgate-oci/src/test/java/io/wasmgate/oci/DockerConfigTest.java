package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DockerConfigTest {
  private static DockerConfig parse(String json) throws OciException {
    return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authFieldIsDecodedAndKeysMatchByHostPort() throws OciException {
    // base64("alice:pa:ss") - the password itself contains a colon.
    DockerConfig config = parse("{\"auths\":{\"https://registry.local:5000/v1/\":{\"auth\":\"YWxpY2U6cGE6c3M=\"}}}");
    assertThat(config.credentialsFor("registry.local:5000")).contains(new Credentials("alice", "pa:ss"));
    assertThat(config.credentialsFor("other.local")).isEmpty();
  }

  @Test
  void usernameAndPasswordFieldsAndLegacyLayout() throws OciException {
    assertThat(parse("{\"auths\":{\"r.local\":{\"username\":\"bob\",\"password\":\"pw\"}}}").credentialsFor("r.local"))
        .contains(new Credentials("bob", "pw"));
    assertThat(parse("{\"r.local\":{\"username\":\"bob\",\"password\":\"pw\"}}").credentialsFor("R.LOCAL"))
        .contains(new Credentials("bob", "pw"));
  }

  @Test
  void writtenConfigParsesBack() throws OciException {
    String json = DockerConfig.toJson("r.local:5000", new Credentials("carol", "p\"w"));
    assertThat(parse(json).credentialsFor("r.local:5000")).contains(new Credentials("carol", "p\"w"));
  }

  @Test
  void badEntriesAreNamedWithoutEchoingSecrets() {
    assertThatThrownBy(() -> parse("{\"auths\":{\"r.local\":{\"auth\":\"%%%secret%%%\"}}}"))
        .hasMessage("docker config entry 'r.local': auth is not valid base64");
    assertThatThrownBy(() -> parse("not json")).hasMessage("docker config is not valid JSON");
  }

  @Test
  void credentialsNeverPrintTheirPassword() {
    assertThat(new Credentials("dave", "hunter2").toString()).contains("dave").doesNotContain("hunter2");
  }
}
