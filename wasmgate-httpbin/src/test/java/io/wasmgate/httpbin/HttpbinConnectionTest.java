package io.wasmgate.httpbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpbinConnectionTest {

  @Test
  void servesSeveralRequestsOnOneKeptAliveConnection() throws Exception {
    try (HttpbinServer server = HttpbinServer.start("127.0.0.1", 0);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (String path : new String[] {"/uuid", "/status/204", "/ip"}) {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readResponseHead(in)).startsWith("http/1.1 2");
      }
    }
  }

  @Test
  void closesTheConnectionWhenTheClientAsks() throws Exception {
    try (HttpbinServer server = HttpbinServer.start("127.0.0.1", 0);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET /status/200 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = readResponseHead(in);

      assertThat(head).contains("connection: close");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void headAnswersHeadersWithoutBody() throws Exception {
    try (HttpbinServer server = HttpbinServer.start("127.0.0.1", 0)) {
      HttpbinClient http = new HttpbinClient(server.port());
      HttpResponse<String> response = http.send(http.request("/get").method("HEAD", BodyPublishers.noBody()).build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
      assertThat(Integer.parseInt(response.headers().firstValue("content-length").orElseThrow())).isPositive();
    }
  }

  @Test
  void delayAnswersLaterWithoutHoldingItsEventLoop() throws Exception {
    // A single event loop: if /delay blocked it, /get on another connection could not be answered.
    try (HttpbinServer server = HttpbinServer.start("127.0.0.1", 0, 1)) {
      HttpbinClient http = new HttpbinClient(server.port());
      CompletableFuture<HttpResponse<String>> delayed = http.client()
          .sendAsync(http.request("/delay/2?x=1").GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(http.get("/get").statusCode()).isEqualTo(200);
      assertThat(delayed).isNotDone();
      HttpResponse<String> response = delayed.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(HttpbinClient.json(response).at("/args/x").asString()).isEqualTo("1");
    }
  }

  @Test
  void delayRejectsWhatIsNotANumberOfSeconds() throws Exception {
    try (HttpbinServer server = HttpbinServer.start("127.0.0.1", 0)) {
      HttpbinClient http = new HttpbinClient(server.port());

      assertThat(http.get("/delay/soon").statusCode()).isEqualTo(400);
      assertThat(http.get("/delay/-1").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void startNamesTheAddressItCannotBind() {
    try (HttpbinServer first = HttpbinServer.start("127.0.0.1", 0)) {
      assertThatThrownBy(() -> HttpbinServer.start("127.0.0.1", first.port()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + first.port());
    }
  }

  /** Reads one response's status line and headers (lower-cased), then skips its body. */
  private static String readResponseHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    Matcher length = Pattern.compile("content-length: (\\d+)").matcher(text);
    int bodySize = length.find() ? Integer.parseInt(length.group(1)) : 0; // 204 carries no length
    assertThat(in.readNBytes(bodySize)).hasSize(bodySize);
    return text;
  }
}
