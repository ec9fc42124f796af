package io.wasmgate.oci;

import java.util.Optional;

/** Looks up the credentials to use for a registry host[:port]; empty means anonymous. */
@FunctionalInterface
public interface CredentialSource {
  Optional<Credentials> forRegistry(String registry);

  static CredentialSource anonymous() {
    return registry -> Optional.empty();
  }

  /** The same credentials for every registry (command-line flags). */
  static CredentialSource of(Credentials credentials) {
    return registry -> Optional.of(credentials);
  }

  static CredentialSource of(DockerConfig config) {
    return config::credentialsFor;
  }
}
