package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerParametersInAnyOrderWithCommasInsideQuotes() throws OciException {
    AuthChallenge challenge = AuthChallenge.parse(
        "Bearer scope=\"repository:a/b:pull,push\", service=\"registry.local\",realm=\"https://auth.local/token\"");
    assertThat(challenge.scheme()).isEqualTo("bearer");
    assertThat(challenge.param("realm")).isEqualTo("https://auth.local/token");
    assertThat(challenge.param("service")).isEqualTo("registry.local");
    assertThat(challenge.param("scope")).isEqualTo("repository:a/b:pull,push");
  }

  @Test
  void basicChallengeAndUnquotedValues() throws OciException {
    AuthChallenge challenge = AuthChallenge.parse("basic realm=Registry");
    assertThat(challenge.scheme()).isEqualTo("basic");
    assertThat(challenge.param("realm")).isEqualTo("Registry");
  }

  @Test
  void bearerWithoutRealmIsAnError() {
    assertThatThrownBy(() -> AuthChallenge.parse("Bearer service=\"x\"")).hasMessageContaining("without a realm");
  }
}
