package io.wasmgate.cli;

import io.wasmgate.oci.CredentialSource;
import io.wasmgate.oci.Credentials;
import io.wasmgate.oci.DockerConfig;
import io.wasmgate.oci.OciException;
import io.wasmgate.oci.OciReference;
import io.wasmgate.oci.RegistryOptions;
import io.wasmgate.oci.SecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The registry connection and credential options push and pull share. */
final class RegistryAccessOptions {
  @Option(names = "--insecure", description = "The registry speaks plain HTTP (never assumed otherwise).")
  boolean insecure;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust this CA bundle for the registry's HTTPS.")
  Path caFile;

  @Option(names = {"-u", "--username"}, description = "Registry user; the password is read from standard input.")
  String username;

  @Option(names = "--password-stdin", description = "Read the password for --username from standard input.")
  boolean passwordStdin;

  @Option(names = "--docker-config", paramLabel = "FILE",
      description = "Credentials from a docker config.json (as written by docker login).")
  Path dockerConfig;

  @Option(names = "--secret", paramLabel = "NAME",
      description = "Credentials from a docker-registry Secret in the secrets directory (see create secret).")
  String secret;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default",
      description = "Namespace of --secret (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--secrets-dir", paramLabel = "DIR",
      description = "Secrets directory (default: $WASMGATE_SECRETS_DIR, else ~/.wasmgate/secrets).")
  Path secretsDir;

  RegistryOptions options(OciReference ref, InputStream stdin) throws IOException {
    RegistryOptions options = RegistryOptions.defaults().withCredentials(credentials(stdin));
    if (insecure) {
      options = options.withInsecure(ref.registry());
    }
    return caFile == null ? options : options.withCaFile(caFile);
  }

  private CredentialSource credentials(InputStream stdin) throws IOException {
    int sources = (username != null ? 1 : 0) + (dockerConfig != null ? 1 : 0) + (secret != null ? 1 : 0);
    if (sources > 1) {
      throw new IllegalArgumentException("use only one of --username, --docker-config and --secret");
    }
    if (passwordStdin && username == null) {
      throw new IllegalArgumentException("--password-stdin needs --username");
    }
    if (username != null) {
      if (!passwordStdin) {
        throw new IllegalArgumentException("--username needs --password-stdin (passwords are not taken as arguments)");
      }
      String password = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip();
      if (password.isEmpty()) {
        throw new IllegalArgumentException("no password on standard input");
      }
      return CredentialSource.of(new Credentials(username, password));
    }
    if (dockerConfig != null) {
      return CredentialSource.of(readDockerConfig(dockerConfig));
    }
    if (secret != null) {
      return CredentialSource.of(secretStore(secretsDir).readDockerConfig(namespace, secret));
    }
    return CredentialSource.anonymous();
  }

  private static DockerConfig readDockerConfig(Path file) throws IOException {
    try {
      return DockerConfig.parse(Files.readAllBytes(file));
    } catch (OciException e) {
      throw new OciException(file + ": " + e.getMessage());
    }
  }

  static SecretStore secretStore(Path explicit) {
    return new SecretStore(explicit != null ? explicit : SecretStore.defaultDirectory());
  }
}
