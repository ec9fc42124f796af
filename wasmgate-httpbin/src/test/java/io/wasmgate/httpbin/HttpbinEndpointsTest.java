package io.wasmgate.httpbin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpbinEndpointsTest {
  private static HttpbinServer server;
  private static HttpbinClient http;

  @BeforeAll
  static void start() {
    server = HttpbinServer.start("127.0.0.1", 0);
    http = new HttpbinClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void statusAnswersTheRequestedCodeWithAnEmptyBody() throws Exception {
    HttpResponse<String> response = http.get("/status/503");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("content-length")).hasValue("0");
  }

  @Test
  void statusAcceptsAnyMethod() throws Exception {
    assertThat(http.send(http.request("/status/201").POST(BodyPublishers.ofString("x")).build()).statusCode()).isEqualTo(201);
  }

  @Test
  void statusTeapotDrawsATeapotAndPointsToTheRfc() throws Exception {
    HttpResponse<String> response = http.get("/status/418");

    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("x-more-info")).hasValue("http://tools.ietf.org/html/rfc2324");
    assertThat(response.body()).isEqualTo(StatusEndpoint.TEAPOT).contains("TEAPOT");
  }

  @Test
  void statusPicksEachOfSeveralCodes() throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200 && seen.size() < 2; i++) {
      seen.add(http.get("/status/201,202").statusCode());
    }
    assertThat(seen).containsExactlyInAnyOrder(201, 202);
  }

  @Test
  void statusRejectsWhatIsNotAStatusCode() throws Exception {
    HttpResponse<String> text = http.get("/status/abc");
    HttpResponse<String> outOfRange = http.get("/status/600");

    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("Invalid status code: 'abc'");
    assertThat(outOfRange.statusCode()).isEqualTo(400);
    assertThat(outOfRange.body()).contains("600");
  }

  @Test
  void bytesWithTheSameSeedRepeat() throws Exception {
    HttpResponse<byte[]> first = http.getBytes("/bytes/64?seed=42");
    HttpResponse<byte[]> second = http.getBytes("/bytes/64?seed=42");
    HttpResponse<byte[]> otherSeed = http.getBytes("/bytes/64?seed=43");

    assertThat(first.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(first.body()).hasSize(64).isEqualTo(second.body()).isNotEqualTo(otherSeed.body());
  }

  @Test
  void bytesAreCappedAt100KiB() throws Exception {
    assertThat(http.getBytes("/bytes/200000").body()).hasSize(100 * 1024);
    assertThat(http.getBytes("/bytes/0").body()).isEmpty();
    assertThat(http.get("/bytes/many").statusCode()).isEqualTo(400);
  }

  @Test
  void uuidIsFreshEachTime() throws Exception {
    String first = HttpbinClient.json(http.get("/uuid")).get("uuid").asString();
    String second = HttpbinClient.json(http.get("/uuid")).get("uuid").asString();

    assertThat(UUID.fromString(first).version()).isEqualTo(4);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void unknownPathsAre404() throws Exception {
    HttpResponse<String> response = http.get("/no/such/endpoint");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("404 Not Found");
  }

  @Test
  void readOnlyEndpointsRefuseOtherMethods() throws Exception {
    HttpResponse<String> response = http.send(http.request("/get").POST(BodyPublishers.ofString("x")).build());

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
