package io.wasmgate.oci.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker registry token service for tests: checks Basic credentials and issues RS256 JWTs that distribution
 * verifies against the certificate bundle (the key id is libtrust's fingerprint of the public key). Anonymous callers
 * get a token without access.
 */
public final class TokenService implements AutoCloseable {
  public static final String SERVICE = "wasmgate-test-registry";
  public static final String ISSUER = "wasmgate-test-issuer";

  private final HttpServer server;
  private final String user;
  private final String password;
  private final PrivateKey key;
  private final String keyId;
  private final AtomicInteger issued = new AtomicInteger();

  public TokenService(String user, String password, PrivateKey key, PublicKey publicKey) throws IOException {
    this.user = user;
    this.password = password;
    this.key = key;
    this.keyId = libtrustKeyId(publicKey);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** How many tokens were handed out, to check that clients reuse them. */
  public int issuedTokens() {
    return issued.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    boolean authenticated = expected.equals(authorization);
    if (authorization != null && !authenticated) {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    List<String> scopes = new ArrayList<>();
    String query = exchange.getRequestURI().getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("scope=")) {
        scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
      }
    }
    try {
      String token = jwt(authenticated ? user : "", authenticated ? scopes : List.of());
      issued.incrementAndGet();
      byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (GeneralSecurityException e) {
      exchange.sendResponseHeaders(500, -1);
    }
    exchange.close();
  }

  private String jwt(String subject, List<String> scopes) throws GeneralSecurityException {
    StringBuilder access = new StringBuilder("[");
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length != 3) {
        continue;
      }
      access.append(access.length() > 1 ? "," : "").append("{\"type\":\"").append(parts[0])
          .append("\",\"name\":\"").append(parts[1]).append("\",\"actions\":[\"")
          .append(String.join("\",\"", parts[2].split(","))).append("\"]}");
    }
    access.append(']');
    long now = Instant.now().getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}";
    String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
        + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
        + "\",\"access\":" + access + "}";
    String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + base64Url(rsa.sign());
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** libtrust's key id: base32 of the first 240 bits of sha256(SubjectPublicKeyInfo), in groups of four. */
  static String libtrustKeyId(PublicKey publicKey) throws IOException {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < 30; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      id.append(i == 0 ? "" : ":").append(base32, i, i + 4);
    }
    return id.toString();
  }
}
