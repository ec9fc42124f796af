package io.wasmgate.proxy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  @Test
  void stripsHopByHopHeadersIncludingThoseNamedInConnection() {
    HttpHeaders h = new DefaultHttpHeaders()
        .add("Connection", "keep-alive, X-Secret")
        .add("X-Secret", "s")
        .add("Keep-Alive", "timeout=5")
        .add("Proxy-Connection", "x")
        .add("TE", "trailers")
        .add("Trailer", "x")
        .add("Transfer-Encoding", "chunked")
        .add("Upgrade", "websocket")
        .add("X-Kept", "k");

    ForwardedHeaders.apply(h, "10.1.1.1");

    assertThat(h.names()).containsExactlyInAnyOrder("X-Kept", "x-forwarded-for", "x-forwarded-proto", "x-request-id");
  }

  @Test
  void appendsToXffAndKeepsAGivenRequestId() {
    HttpHeaders h = new DefaultHttpHeaders().add("x-forwarded-for", "1.2.3.4").add("x-request-id", "abc");

    ForwardedHeaders.apply(h, "10.1.1.1");

    assertThat(h.get("x-forwarded-for")).isEqualTo("1.2.3.4,10.1.1.1");
    assertThat(h.get("x-request-id")).isEqualTo("abc");
  }

  @Test
  void generatesVersion4RequestIds() {
    String id = RequestIds.next();

    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(RequestIds.next()).isNotEqualTo(id);
  }
}
