package io.wasmgate.proxy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeaderMapsTest {
  private final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/a?b=1");
  private final AtomicInteger changes = new AtomicInteger();
  private final RequestHeaderMap map = new RequestHeaderMap(request, "http", changes::incrementAndGet);

  {
    request.headers().add("Host", "example.com").add("X-Multi", "1").add("x-multi", "2");
  }

  @Test
  void listsPseudoHeadersFirstAndLowerCasesNames() {
    assertThat(map.entries()).containsExactly(
        Map.entry(":authority", "example.com"),
        Map.entry(":path", "/a?b=1"),
        Map.entry(":method", "POST"),
        Map.entry(":scheme", "http"),
        Map.entry("x-multi", "1"),
        Map.entry("x-multi", "2"));
    assertThat(map.size()).isEqualTo(6);
  }

  @Test
  void getJoinsRepeatedValuesAndIsCaseInsensitive() {
    assertThat(map.get("X-MULTI")).isEqualTo("1,2");
    assertThat(map.get("missing")).isNull();
    assertThat(map.get(":method")).isEqualTo("POST");
  }

  @Test
  void editsReachTheNettyRequestAndInvalidateTheRoute() {
    map.replace(":path", "/new");
    map.replace(":authority", "other.com");
    map.replace("x-multi", "only");
    map.add("x-new", "v");
    map.remove(":method"); // cannot remove a request line part: ignored

    assertThat(request.uri()).isEqualTo("/new");
    assertThat(request.headers().get("host")).isEqualTo("other.com");
    assertThat(request.headers().getAll("x-multi")).containsExactly("only");
    assertThat(request.headers().get("x-new")).isEqualTo("v");
    assertThat(request.method()).isEqualTo(HttpMethod.POST);
    assertThat(changes.get()).isEqualTo(4);
  }

  @Test
  void setAllReplacesEverything() {
    map.setAll(List.of(Map.entry(":path", "/p"), Map.entry(":method", "GET"), Map.entry("a", "b")));

    assertThat(request.uri()).isEqualTo("/p");
    assertThat(request.method()).isEqualTo(HttpMethod.GET);
    assertThat(map.entries()).extracting(Map.Entry::getKey).containsExactly(":path", ":method", ":scheme", "a");
  }

  @Test
  void responseStatusIsAPseudoHeader() {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    ResponseHeaderMap m = new ResponseHeaderMap(response);

    m.replace(":status", "418");
    m.add("x-a", "1");

    assertThat(response.status().code()).isEqualTo(418);
    assertThat(m.entries()).containsExactly(Map.entry(":status", "418"), Map.entry("x-a", "1"));
    assertThat(m.size()).isEqualTo(2);
  }
}
