package io.wasmgate.httpbin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HttpbinEchoTest {
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
  void getEchoesArgsHeadersOriginAndUrlAsIndentedJson() throws Exception {
    HttpResponse<String> response = http.send(http.request("/get?a=1&b=2&b=3")
        .header("x-custom-thing", "yes").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).startsWith("{\n  \"args\": {\n    \"a\": \"1\",\n    \"b\": [\n      \"2\",\n      \"3\"\n    ]\n  },");
    JsonNode json = HttpbinClient.json(response);
    assertThat(json.propertyNames()).containsExactly("args", "headers", "origin", "url");
    assertThat(json.at("/headers/X-Custom-Thing").asString()).isEqualTo("yes");
    assertThat(json.at("/headers/Host").asString()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(json.at("/origin").asString()).isEqualTo("127.0.0.1");
    assertThat(json.at("/url").asString()).isEqualTo("http://127.0.0.1:" + server.port() + "/get?a=1&b=2&b=3");
  }

  @Test
  void headersJoinsRepeatedHeadersInArrivalOrder() throws Exception {
    HttpResponse<String> response = http.send(http.request("/headers")
        .header("x-chain", "a").header("x-chain", "b").GET().build());

    JsonNode headers = HttpbinClient.json(response).get("headers");
    assertThat(headers.get("X-Chain").asString()).isEqualTo("a,b");
    assertThat(HttpbinClient.json(response).propertyNames()).containsExactly("headers");
  }

  @Test
  void originPrefersXForwardedFor() throws Exception {
    HttpResponse<String> response = http.send(http.request("/ip").header("x-forwarded-for", "203.0.113.7").GET().build());

    assertThat(HttpbinClient.json(response).get("origin").asString()).isEqualTo("203.0.113.7");
    assertThat(HttpbinClient.json(http.get("/ip")).get("origin").asString()).isEqualTo("127.0.0.1");
  }

  @Test
  void userAgentIsEchoed() throws Exception {
    HttpResponse<String> response = http.send(http.request("/user-agent").header("user-agent", "probe/1.0").GET().build());

    assertThat(response.body()).isEqualTo("{\n  \"user-agent\": \"probe/1.0\"\n}\n");
  }

  @Test
  void anythingEchoesMethodAndParsesAJsonBody() throws Exception {
    HttpResponse<String> response = http.send(http.request("/anything/deeper/path?x=y")
        .header("content-type", "application/json").method("PATCH", BodyPublishers.ofString("{\"k\":[1,true]}")).build());

    JsonNode json = HttpbinClient.json(response);
    assertThat(json.propertyNames()).containsExactly("args", "data", "files", "form", "headers", "json", "method", "origin", "url");
    assertThat(json.get("method").asString()).isEqualTo("PATCH");
    assertThat(json.get("data").asString()).isEqualTo("{\"k\":[1,true]}");
    assertThat(json.at("/json/k/0").asInt()).isEqualTo(1);
    assertThat(json.at("/json/k/1").asBoolean()).isTrue();
    assertThat(json.get("url").asString()).endsWith("/anything/deeper/path?x=y");
  }

  @Test
  void anythingShowsPlainTextAsDataAndJsonAsNull() throws Exception {
    JsonNode json = HttpbinClient.json(http.send(http.request("/anything").PUT(BodyPublishers.ofString("not json")).build()));

    assertThat(json.get("data").asString()).isEqualTo("not json");
    assertThat(json.get("json").isNull()).isTrue();
    assertThat(json.get("form").isEmpty()).isTrue();
  }

  @Test
  void anythingShowsBinaryBodiesAsBase64DataUrls() throws Exception {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
    JsonNode json = HttpbinClient.json(http.send(http.request("/anything").POST(BodyPublishers.ofByteArray(binary)).build()));

    assertThat(json.get("data").asString()).isEqualTo("data:application/octet-stream;base64,//4AAQ==");
  }

  @Test
  void anythingDecodesUrlEncodedForms() throws Exception {
    JsonNode json = HttpbinClient.json(http.send(http.request("/anything")
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("name=wasm&tag=a&tag=b")).build()));

    assertThat(json.at("/form/name").asString()).isEqualTo("wasm");
    assertThat(json.at("/form/tag/1").asString()).isEqualTo("b");
    assertThat(json.get("data").asString()).isEmpty();
  }

  @Test
  void anythingSeparatesMultipartFieldsAndFiles() throws Exception {
    String multipart = """
        --XyZ\r
        Content-Disposition: form-data; name="field"\r
        \r
        value\r
        --XyZ\r
        Content-Disposition: form-data; name="upload"; filename="hello.txt"\r
        Content-Type: text/plain\r
        \r
        hello file\r
        --XyZ--\r
        """;
    JsonNode json = HttpbinClient.json(http.send(http.request("/anything")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .POST(BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build()));

    assertThat(json.at("/form/field").asString()).isEqualTo("value");
    assertThat(json.at("/files/upload").asString()).isEqualTo("hello file");
  }
}
