package io.wasmgate.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registry credentials from a {@code .dockerconfigjson} (the payload of a Kubernetes {@code kubernetes.io/dockerconfigjson}
 * Secret, or {@code ~/.docker/config.json}): {@code {"auths":{"host:port":{"auth":"base64(user:pass)"}}}} or with
 * {@code username}/{@code password} fields. Keys are matched by host[:port], ignoring scheme and path.
 */
public final class DockerConfig {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final Map<String, Credentials> byRegistry;

  private DockerConfig(Map<String, Credentials> byRegistry) {
    this.byRegistry = Map.copyOf(byRegistry);
  }

  public static DockerConfig empty() {
    return new DockerConfig(Map.of());
  }

  /** Parses a docker config; errors name the entry but never echo credential values. */
  public static DockerConfig parse(byte[] json) throws OciException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new OciException("docker config is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new OciException("docker config must be a JSON object");
    }
    // The legacy .dockercfg layout has the host map at the top level.
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    Map<String, Credentials> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : auths.properties()) {
      credentialsOf(entry.getKey(), entry.getValue()).ifPresent(c -> result.put(normalize(entry.getKey()), c));
    }
    return new DockerConfig(result);
  }

  private static Optional<Credentials> credentialsOf(String key, JsonNode entry) throws OciException {
    String username = entry.path("username").asString("");
    String password = entry.path("password").asString("");
    String auth = entry.path("auth").asString("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new OciException("docker config entry '" + key + "': auth is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new OciException("docker config entry '" + key + "': auth must encode user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (username.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(username, password));
  }

  /** Credentials for {@code registry} (host[:port]), if the config has an entry for it. */
  public Optional<Credentials> credentialsFor(String registry) {
    String key = normalize(registry);
    Credentials found = byRegistry.get(key);
    if (found == null && (key.equals("docker.io") || key.equals("registry-1.docker.io"))) {
      found = byRegistry.get("index.docker.io");
    }
    return Optional.ofNullable(found);
  }

  /** The dockerconfigjson kubectl writes for {@code create secret docker-registry}. */
  public static String toJson(String server, Credentials credentials) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode entry = root.putObject("auths").putObject(server);
    entry.put("username", credentials.username());
    entry.put("password", credentials.password());
    String pair = credentials.username() + ":" + credentials.password();
    entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    return root.toString();
  }

  static String normalize(String key) {
    String host = key.strip().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    return slash >= 0 ? host.substring(0, slash) : host;
  }
}
