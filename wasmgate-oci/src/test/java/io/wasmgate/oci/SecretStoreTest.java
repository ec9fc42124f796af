package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  @TempDir Path dir;

  @Test
  void dockerRegistrySecretIsOwnerOnlyKubernetesYamlThatReadsBack() throws IOException {
    SecretStore store = new SecretStore(dir.resolve("secrets"));
    Path file = store.writeDockerRegistrySecret("istio-system", "wasm-secret", "registry.local:5000",
        new Credentials("user", "pass"));

    assertThat(file).isEqualTo(dir.resolve("secrets/istio-system/wasm-secret.yaml"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("kind: Secret", "type: kubernetes.io/dockerconfigjson",
        "namespace: istio-system", ".dockerconfigjson");
    assertThat(store.readDockerConfig("istio-system", "wasm-secret").credentialsFor("registry.local:5000"))
        .contains(new Credentials("user", "pass"));
  }

  @Test
  void kubectlStyleStringDataIsAccepted() throws IOException {
    Files.createDirectories(dir.resolve("default"));
    Files.writeString(dir.resolve("default/pull.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata: {name: pull, namespace: default}
        type: kubernetes.io/dockerconfigjson
        stringData:
          .dockerconfigjson: '{"auths":{"r.local":{"username":"u","password":"p"}}}'
        """);
    assertThat(new SecretStore(dir).readDockerConfig("default", "pull").credentialsFor("r.local"))
        .contains(new Credentials("u", "p"));
  }

  @Test
  void missingWrongTypeAndUnsafeNamesAreNamed() throws IOException {
    SecretStore store = new SecretStore(dir);
    assertThatThrownBy(() -> store.readDockerConfig("default", "absent"))
        .hasMessage("secret default/absent not found in " + dir);
    Files.createDirectories(dir.resolve("default"));
    Files.writeString(dir.resolve("default/opaque.yaml"), "kind: Secret\ntype: Opaque\ndata: {a: b}\n");
    assertThatThrownBy(() -> store.readDockerConfig("default", "opaque"))
        .hasMessageContaining("has type 'Opaque', expected kubernetes.io/dockerconfigjson");
    assertThatThrownBy(() -> store.file("../etc", "passwd")).hasMessageContaining("namespace '../etc'");
  }
}
