package io.wasmgate.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The gateway's secrets directory: Kubernetes Secret YAML files at {@code <dir>/<namespace>/<name>.yaml}, owner-only
 * (directories 0700, files 0600). Holds the {@code kubernetes.io/dockerconfigjson} Secrets that WasmPlugin
 * {@code imagePullSecret} names.
 */
public final class SecretStore {
  public static final String DOCKER_CONFIG_TYPE = "kubernetes.io/dockerconfigjson";
  private static final String DOCKER_CONFIG_KEY = ".dockerconfigjson";
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .build();

  private final Path dir;

  /** {@code $WASMGATE_SECRETS_DIR}, else {@code ~/.wasmgate/secrets}: where the CLI and the gateway look by default. */
  public static Path defaultDirectory() {
    String env = System.getenv("WASMGATE_SECRETS_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".wasmgate", "secrets");
  }

  public SecretStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** Where the Secret {@code namespace/name} lives; both parts must be DNS names (so no path tricks). */
  public Path file(String namespace, String name) {
    requireDnsName("namespace", namespace);
    requireDnsName("secret name", name);
    return dir.resolve(namespace).resolve(name + ".yaml");
  }

  /** Writes (or replaces) a docker-registry Secret like {@code kubectl create secret docker-registry}. */
  public Path writeDockerRegistrySecret(String namespace, String name, String server, Credentials credentials)
      throws IOException {
    Path target = file(namespace, name);
    ObjectNode secret = YAML.createObjectNode();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    secret.put("type", DOCKER_CONFIG_TYPE);
    String config = DockerConfig.toJson(server, credentials);
    secret.putObject("data").put(DOCKER_CONFIG_KEY,
        Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)));
    createPrivateDirectory(dir);
    createPrivateDirectory(target.getParent());
    // Written to an owner-only temp file and moved into place, so the secret is never readable by others.
    Path temp = Files.createTempFile(target.getParent(), "." + name, ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, YAML.writeValueAsString(secret));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  /** Reads the docker config of Secret {@code namespace/name}; errors name the Secret, never its content. */
  public DockerConfig readDockerConfig(String namespace, String name) throws OciException {
    Path path = file(namespace, name);
    String where = "secret " + namespace + "/" + name + " (" + path + ")";
    JsonNode secret;
    try {
      secret = YAML.readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new OciException("secret " + namespace + "/" + name + " not found in " + dir);
    } catch (IOException | JacksonException e) {
      throw new OciException("cannot read " + where + ": not a readable YAML file");
    }
    String type = secret.path("type").asString("");
    if (!DOCKER_CONFIG_TYPE.equals(type)) {
      throw new OciException(where + " has type '" + type + "', expected " + DOCKER_CONFIG_TYPE);
    }
    String plain = secret.path("stringData").path(DOCKER_CONFIG_KEY).asString("");
    if (!plain.isEmpty()) {
      return DockerConfig.parse(plain.getBytes(StandardCharsets.UTF_8));
    }
    String encoded = secret.path("data").path(DOCKER_CONFIG_KEY).asString("");
    if (encoded.isEmpty()) {
      throw new OciException(where + " has no data." + DOCKER_CONFIG_KEY);
    }
    try {
      return DockerConfig.parse(Base64.getMimeDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new OciException(where + ": data." + DOCKER_CONFIG_KEY + " is not valid base64");
    }
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    try {
      Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
      Files.createDirectory(directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException exists) {
      // Keep whatever permissions an existing directory has; the files inside are owner-only anyway.
    }
  }

  private static void requireDnsName(String what, String value) {
    if (value == null || !DNS_NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + value + "' is not a valid Kubernetes name "
          + "(lower-case letters, digits, '-' and '.')");
    }
  }
}
