package io.wasmgate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Talks to a running gateway's admin server, as kubectl talks to the API server. */
final class AdminClient {
  static final String WASMPLUGINS_PATH = "/apis/extensions.istio.io/v1alpha1/wasmplugins";

  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AdminClient(String address) {
    this.address = address;
  }

  /** Sends YAML to the wasmplugins collection; returns the gateway's answer or throws its error. */
  String send(String method, String yaml) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + address + WASMPLUGINS_PATH))
            .timeout(Duration.ofSeconds(120))
            .header("content-type", "application/yaml")
            .method(method, HttpRequest.BodyPublishers.ofString(yaml))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException(
          "cannot reach the gateway's admin server at " + address + " (is `wasmgate run` up?)", e);
    }
    String body = response.body().strip();
    if (response.statusCode() / 100 != 2) {
      throw new AdminException(
          body.isEmpty() ? "admin server answered " + response.statusCode() : body);
    }
    return body;
  }

  /**
   * An error answer. Like kubectl, the resources that were stored before the error are reported on
   * standard output ({@link #storedLines()}) and only the error on standard error.
   */
  static final class AdminException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final Pattern STORED =
        Pattern.compile(
            "wasmplugins?\\.extensions\\.istio\\.io/\\S+ (created|configured|unchanged)");

    private final String storedLines;

    AdminException(String body) {
      super(errorPart(body));
      this.storedLines =
          body.lines()
              .map(AdminException::withoutErrorPrefix)
              .filter(l -> STORED.matcher(l).matches())
              .collect(Collectors.joining("\n"));
    }

    String storedLines() {
      return storedLines;
    }

    private static String errorPart(String body) {
      return body.lines()
          .map(AdminException::withoutErrorPrefix)
          .filter(l -> !STORED.matcher(l).matches())
          .collect(Collectors.joining("\n"));
    }

    private static String withoutErrorPrefix(String line) {
      return line.startsWith("error: ") ? line.substring("error: ".length()) : line;
    }
  }
}
