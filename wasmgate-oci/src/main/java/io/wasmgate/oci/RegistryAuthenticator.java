package io.wasmgate.oci;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers registry challenges: Basic with the configured credentials, Bearer with a token fetched from the challenge's
 * realm (with Basic credentials when there are any, anonymously otherwise) and cached per realm, service and scope.
 * Neither secrets nor tokens reach a log line or an exception message.
 */
final class RegistryAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryAuthenticator.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private record Token(String value, Instant expires) {}

  private final HttpClient client;
  private final RegistryOptions options;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  RegistryAuthenticator(HttpClient client, RegistryOptions options) {
    this.client = client;
    this.options = options;
  }

  /**
   * The Authorization header answering {@code challenge}, or empty when there is nothing better to send than what
   * failed. {@code refresh} forces a new token instead of a cached one.
   */
  Optional<String> answer(String registry, AuthChallenge challenge, boolean refresh) throws IOException {
    Optional<Credentials> credentials = options.credentials().forRegistry(registry);
    switch (challenge.scheme()) {
      case "basic":
        return credentials.map(Credentials::basicHeader);
      case "bearer":
        return Optional.of("Bearer " + token(registry, challenge, credentials, refresh));
      default:
        throw new OciException("registry " + registry + " asks for unsupported authentication scheme '"
            + challenge.scheme() + "'");
    }
  }

  private String token(String registry, AuthChallenge challenge, Optional<Credentials> credentials, boolean refresh)
      throws IOException {
    String realm = challenge.param("realm");
    String service = challenge.param("service");
    String scope = challenge.param("scope");
    String key = realm + "|" + service + "|" + scope;
    Token cached = tokens.get(key);
    if (!refresh && cached != null && Instant.now().isBefore(cached.expires())) {
      return cached.value();
    }
    URI uri = tokenUri(registry, realm, service, scope);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.requestTimeout()).GET();
    credentials.ifPresent(c -> request.header("Authorization", c.basicHeader()));
    LOG.debug("fetching registry token from {} for scope {} ({})", uri.getHost(), scope,
        credentials.map(c -> "as " + c.username()).orElse("anonymously"));
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while fetching a registry token from " + uri.getHost());
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new OciException("token service " + uri.getHost() + " rejected "
          + credentials.map(c -> "the credentials of user " + c.username()).orElse("anonymous access")
          + " for " + registry + " (HTTP " + response.statusCode() + ")");
    }
    if (response.statusCode() != 200) {
      throw new OciException("token service " + uri.getHost() + " answered HTTP " + response.statusCode());
    }
    Token token = parseToken(response.body(), uri);
    tokens.put(key, token);
    return token.value();
  }

  private URI tokenUri(String registry, String realm, String service, String scope) throws OciException {
    URI base;
    try {
      base = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new OciException("registry " + registry + " sent an invalid token realm: " + realm);
    }
    String scheme = base.getScheme();
    boolean plainAllowed = options.isInsecure(registry) || options.isInsecure(hostPort(base));
    if (!"https".equals(scheme) && !("http".equals(scheme) && plainAllowed)) {
      throw new OciException("registry " + registry + " sent token realm " + realm
          + " which is not https (plain http is allowed only for registries listed as insecure)");
    }
    StringBuilder query = new StringBuilder();
    if (service != null) {
      query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    if (scope != null) {
      for (String one : scope.split(" ")) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(one, StandardCharsets.UTF_8));
      }
    }
    String separator = realm.contains("?") ? "&" : "?";
    return URI.create(query.length() == 0 ? realm : realm + separator + query);
  }

  private static String hostPort(URI uri) {
    return uri.getPort() < 0 ? String.valueOf(uri.getHost()) : uri.getHost() + ":" + uri.getPort();
  }

  private static Token parseToken(byte[] body, URI uri) throws OciException {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new OciException("token service " + uri.getHost() + " answered something that is not JSON");
    }
    String value = json.path("token").asString("");
    if (value.isEmpty()) {
      value = json.path("access_token").asString("");
    }
    if (value.isEmpty()) {
      throw new OciException("token service " + uri.getHost() + " answered without a token");
    }
    long seconds = json.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
    // Renew a little early so a token does not expire between our check and the registry's.
    Instant expires = Instant.now().plusSeconds(Math.max(seconds - 10, 1));
    return new Token(value, expires);
  }
}
