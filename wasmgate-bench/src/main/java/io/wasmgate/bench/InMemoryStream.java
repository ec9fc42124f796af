package io.wasmgate.bench;

import io.wasmgate.abi.StreamType;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.ListHeaderMap;
import io.wasmgate.host.LocalResponse;
import java.util.List;

/**
 * One allowed GET as the data plane would present it, without a network: the header maps a wrk
 * request through the gateway carries. A local response means the plugin refused the request, so
 * the benchmark would measure the wrong path: it fails loudly instead.
 */
final class InMemoryStream implements HttpStreamHost {
  private final HeaderMap request =
      ListHeaderMap.of(
          ":method", "GET",
          ":path", "/",
          ":authority", "127.0.0.1:18080",
          ":scheme", "http",
          "allow", "true",
          "x-forwarded-for", "127.0.0.1",
          "x-forwarded-proto", "http",
          "x-request-id", "9f0c1e9c-6a39-4a8e-9d55-0d2f1c0b7a11");
  private final HeaderMap response =
      ListHeaderMap.of(
          ":status", "200",
          "content-type", "text/plain",
          "content-length", "23",
          "server", "nginx",
          "date", "Sat, 28 Nov 2026 12:00:00 GMT");

  @Override
  public HeaderMap requestHeaders() {
    return request;
  }

  @Override
  public HeaderMap responseHeaders() {
    return response;
  }

  int requestHeaderCount() {
    return request.size();
  }

  int responseHeaderCount() {
    return response.size();
  }

  @Override
  public void sendLocalResponse(LocalResponse local) {
    throw new IllegalStateException(
        "the plugin answered " + local.status() + " itself: the benchmark request must be allowed");
  }

  @Override
  public void continueStream(StreamType type) {}

  @Override
  public void closeStream(StreamType type) {
    throw new IllegalStateException("the plugin reset the " + type + " stream");
  }

  @Override
  public byte[] property(List<String> path) {
    return null;
  }
}
