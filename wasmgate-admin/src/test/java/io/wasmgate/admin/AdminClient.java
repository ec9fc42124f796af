package io.wasmgate.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Talks to a running admin server over a real socket. */
final class AdminClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  AdminClient(AdminServer server) {
    this.base = "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send("GET", pathAndQuery, null);
  }

  HttpResponse<String> post(String pathAndQuery) throws Exception {
    return send("POST", pathAndQuery, "");
  }

  HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .method(method, publisher)
        .build();
    return http.send(request, BodyHandlers.ofString());
  }
}
