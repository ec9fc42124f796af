package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests no HTTP client would send, written to a raw socket of a gateway started from the
 * command-line quick form ({@code run --listen --upstream --plugins --admin --label}).
 */
class MalformedHttpTest {
  static GatewayFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = GatewayFixture.prepare(1).startQuickForm();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aGarbageRequestLineGets400AndTheConnectionIsClosed() throws Exception {
    for (String request : new String[] {"GARBAGE\r\n\r\n", "GET /get HTTQ/9.9\r\nHost: a\r\n\r\n"}) {
      RawResponse response = exchange(request);
      assertThat(response.statusLine()).as(request).startsWith("HTTP/1.1 400 ");
      assertThat(response.closedByServer()).as("connection closed after: " + request).isTrue();
    }
    assertProtocolErrorLogged(400, "http1.codec_error");
    assertNormalRequestStillSucceeds();
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    String request = "GET /get HTTP/1.1\r\nHost: a\r\nX-Huge: " + "a".repeat(100 * 1024) + "\r\n\r\n";
    RawResponse response = exchange(request);
    assertThat(response.statusLine()).startsWith("HTTP/1.1 431 ");
    assertThat(response.closedByServer()).isTrue();
    assertProtocolErrorLogged(431, "http1.headers_too_large");
    assertNormalRequestStillSucceeds();
  }

  @Test
  void manyHeadersAddingUpPastTheLimitGet431() throws Exception {
    StringBuilder request = new StringBuilder("GET /get HTTP/1.1\r\nHost: a\r\n");
    for (int i = 0; i < 2000; i++) {
      request.append("X-H").append(i).append(": ").append("v".repeat(50)).append("\r\n");
    }
    RawResponse response = exchange(request.append("\r\n").toString());
    assertThat(response.statusLine()).startsWith("HTTP/1.1 431 ");
    assertNormalRequestStillSucceeds();
  }

  /** Like Envoy: the access log has the local reply, flagged DPE (downstream protocol error). */
  private static void assertProtocolErrorLogged(int status, String details) throws InterruptedException {
    JsonNode log = fixture.awaitAccessLog(l -> l.get("response_code").asInt() == status);
    assertThat(log.get("response_flags").asString()).isEqualTo("DPE");
    assertThat(log.get("response_code_details").asString()).isEqualTo(details);
  }

  private static void assertNormalRequestStillSucceeds() throws Exception {
    RawResponse raw = exchange("GET /get HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assertThat(raw.statusLine()).startsWith("HTTP/1.1 200 ");
    assertThat(raw.text()).contains("\"url\"");
    assertThat(Http.get(fixture.port(), "/status/204").statusCode()).isEqualTo(204);
  }

  /** Everything the server sent, and whether it closed the connection (EOF within the timeout). */
  record RawResponse(String text, boolean closedByServer) {
    String statusLine() {
      int end = text.indexOf("\r\n");
      return end < 0 ? text : text.substring(0, end);
    }
  }

  private static RawResponse exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (IOException resetWhileWriting) {
        // the server may answer and close before reading all of an oversized request
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
        return new RawResponse(received.toString(StandardCharsets.ISO_8859_1), true);
      } catch (SocketTimeoutException stillOpen) {
        return new RawResponse(received.toString(StandardCharsets.ISO_8859_1), false);
      } catch (IOException reset) {
        return new RawResponse(received.toString(StandardCharsets.ISO_8859_1), true);
      }
    }
  }
}
