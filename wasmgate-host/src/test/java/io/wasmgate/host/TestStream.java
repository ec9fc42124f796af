package io.wasmgate.host;

import io.wasmgate.abi.StreamType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory HTTP stream as the data plane would offer it, recording what plugins ask. */
final class TestStream implements HttpStreamHost {
  final ListHeaderMap requestHeaders;
  ListHeaderMap responseHeaders;
  final List<LocalResponse> localResponses = new ArrayList<>();
  final List<String> streamCalls = new ArrayList<>();
  final Map<List<String>, byte[]> properties = new HashMap<>();

  TestStream(ListHeaderMap requestHeaders) {
    this.requestHeaders = requestHeaders;
  }

  static TestStream get(String path, String... headers) {
    ListHeaderMap map = ListHeaderMap.of(":method", "GET", ":path", path, ":authority", "test");
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    TestStream stream = new TestStream(map);
    stream.properties.put(List.of("request", "path"), path.getBytes());
    return stream;
  }

  @Override
  public HeaderMap requestHeaders() {
    return requestHeaders;
  }

  @Override
  public HeaderMap responseHeaders() {
    return responseHeaders;
  }

  @Override
  public void sendLocalResponse(LocalResponse response) {
    localResponses.add(response);
  }

  @Override
  public void continueStream(StreamType type) {
    streamCalls.add("continue " + type);
  }

  @Override
  public void closeStream(StreamType type) {
    streamCalls.add("close " + type);
  }

  @Override
  public byte[] property(List<String> path) {
    return properties.get(path);
  }

  /** Whether proxy_set_property (and set_envoy_filter_state) may store into {@link #properties}. */
  boolean propertiesWritable;

  @Override
  public boolean setProperty(List<String> path, byte[] value) {
    if (propertiesWritable) {
      properties.put(path, value);
    }
    return propertiesWritable;
  }
}
