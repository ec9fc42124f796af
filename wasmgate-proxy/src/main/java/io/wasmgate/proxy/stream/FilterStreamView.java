package io.wasmgate.proxy.stream;

import io.wasmgate.abi.StreamType;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.LocalResponse;
import java.util.List;

/**
 * One filter's view of its stream: everything is the stream's, except that proxy_continue_stream
 * names the filter, so a plugin releases what it paused and never another plugin's hold.
 */
final class FilterStreamView implements HttpStreamHost {
  private final ProxyStream stream;
  private final int position;

  FilterStreamView(ProxyStream stream, int position) {
    this.stream = stream;
    this.position = position;
  }

  @Override
  public void continueStream(StreamType type) {
    stream.continueStream(type, position);
  }

  @Override
  public HeaderMap requestHeaders() {
    return stream.requestHeaders();
  }

  @Override
  public HeaderMap responseHeaders() {
    return stream.responseHeaders();
  }

  @Override
  public HeaderMap requestTrailers() {
    return stream.requestTrailers();
  }

  @Override
  public HeaderMap responseTrailers() {
    return stream.responseTrailers();
  }

  @Override
  public BodyBuffer requestBody() {
    return stream.requestBody();
  }

  @Override
  public BodyBuffer responseBody() {
    return stream.responseBody();
  }

  @Override
  public void sendLocalResponse(LocalResponse response) {
    stream.sendLocalResponse(response);
  }

  @Override
  public void closeStream(StreamType type) {
    stream.closeStream(type);
  }

  @Override
  public byte[] property(List<String> path) {
    return stream.property(path);
  }

  @Override
  public boolean setProperty(List<String> path, byte[] value) {
    return stream.setProperty(path, value);
  }

  @Override
  public HttpStreamHost forFilter(int other) {
    return stream.forFilter(other);
  }
}
