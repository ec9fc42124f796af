package io.wasmgate.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends registry API requests: picks http or https per registry, answers 401 challenges through the
 * {@link RegistryAuthenticator} and remembers the Authorization that worked per repository so later requests send it
 * up front.
 */
final class RegistryHttp {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RegistryOptions options;
  private final HttpClient client;
  private final RegistryAuthenticator authenticator;
  private final Map<String, String> workingAuth = new ConcurrentHashMap<>();

  RegistryHttp(RegistryOptions options) throws OciException {
    this.options = options;
    this.client = TlsContexts.httpClient(options);
    this.authenticator = new RegistryAuthenticator(client, options);
  }

  RegistryOptions options() {
    return options;
  }

  /** {@code http(s)://registry/v2/<repository>/<path>}. */
  URI uri(OciReference ref, String path) {
    String scheme = options.isInsecure(ref.registry()) ? "http" : "https";
    return URI.create(scheme + "://" + ref.registry() + "/v2/" + ref.repository() + "/" + path);
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
  }

  /** Sends {@code request}, answering up to two auth challenges (the second with a fresh token). */
  <T> HttpResponse<T> send(OciReference ref, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    String key = ref.registry() + "/" + ref.repository();
    String auth = workingAuth.get(key);
    HttpResponse<T> response = exchange(ref, withAuth(request, auth), handler);
    for (int attempt = 0; response.statusCode() == 401 && attempt < 2; attempt++) {
      String header = response.headers().firstValue("WWW-Authenticate").orElse(null);
      discard(response);
      if (header == null) {
        throw new OciException("registry " + ref.registry() + " answered 401 without a WWW-Authenticate challenge");
      }
      // Whatever we sent was rejected, so a cached token must not be offered again.
      Optional<String> answer = authenticator.answer(ref.registry(), AuthChallenge.parse(header), auth != null);
      if (answer.isEmpty() || answer.get().equals(auth)) {
        break;
      }
      auth = answer.get();
      response = exchange(ref, withAuth(request, auth), handler);
    }
    if (response.statusCode() == 401) {
      discard(response);
      Optional<Credentials> credentials = options.credentials().forRegistry(ref.registry());
      throw new OciException("registry " + ref.registry() + " refused "
          + credentials.map(c -> "the credentials of user " + c.username()).orElse("anonymous access (no credentials)")
          + " for " + ref.repository() + " (HTTP 401)");
    }
    if (auth != null) {
      workingAuth.put(key, auth);
    }
    return response;
  }

  private static HttpRequest withAuth(HttpRequest request, String auth) {
    if (auth == null) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
        .header("Authorization", auth)
        .build();
  }

  private <T> HttpResponse<T> exchange(OciReference ref, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while talking to registry " + ref.registry());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new OciException("cannot connect to registry " + ref.registry() + " (" + request.uri().getScheme() + ")", e);
    } catch (HttpTimeoutException e) {
      throw new OciException("registry " + ref.registry() + " did not answer within " + options.requestTimeout(), e);
    } catch (SSLException e) {
      throw new OciException("TLS handshake with registry " + ref.registry() + " failed: " + e.getMessage()
          + (options.caFile().isEmpty() ? " (pass the registry's CA file, or list it as insecure if it speaks plain http)" : ""),
          e);
    } catch (IOException e) {
      throw new OciException("I/O error talking to registry " + ref.registry() + ": " + e.getMessage(), e);
    }
  }

  static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Only releasing the connection; the status already tells what happened.
      }
    }
  }

  /** An exception for an unexpected status, with the registry's error codes when it sent any. */
  static OciException statusError(HttpResponse<?> response, String what) {
    String detail = "";
    Object body = response.body();
    byte[] bytes = null;
    if (body instanceof byte[] b) {
      bytes = b;
    } else if (body instanceof InputStream in) {
      try (in) {
        bytes = in.readNBytes(8192);
      } catch (IOException ignored) {
        // Error details are optional.
      }
    }
    if (bytes != null && bytes.length > 0) {
      detail = registryErrors(bytes);
    }
    return new OciException(what + ": registry answered HTTP " + response.statusCode() + detail);
  }

  private static String registryErrors(byte[] body) {
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      StringBuilder text = new StringBuilder();
      for (JsonNode error : errors) {
        text.append(text.length() == 0 ? " (" : "; ")
            .append(error.path("code").asString("")).append(' ').append(error.path("message").asString(""));
      }
      return text.length() == 0 ? "" : text.append(')').toString();
    } catch (RuntimeException e) {
      return "";
    }
  }
}
