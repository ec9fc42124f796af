package io.wasmgate.proxy.it;

import io.wasmgate.abi.Action;
import io.wasmgate.abi.StreamType;
import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.LocalResponse;
import io.wasmgate.plugin.StreamFilter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Real Java stream filters, standing in for Wasm plugins behind the same contract. */
final class TestFilters {
  static final AtomicInteger completed = new AtomicInteger();
  static final AtomicInteger closed = new AtomicInteger();

  private TestFilters() {}

  /** Continues everything; counts the end-of-stream calls every filter must get. */
  static class Base implements StreamFilter {
    final HttpStreamHost host;

    Base(HttpStreamHost host) {
      this.host = host;
    }

    @Override
    public String pluginName() {
      return "test." + getClass().getSimpleName();
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
      return Action.CONTINUE;
    }

    @Override
    public Action onRequestBody(int bodySize, boolean endOfStream) {
      return Action.CONTINUE;
    }

    @Override
    public Action onRequestTrailers(int trailerCount) {
      return Action.CONTINUE;
    }

    @Override
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
      return Action.CONTINUE;
    }

    @Override
    public Action onResponseBody(int bodySize, boolean endOfStream) {
      return Action.CONTINUE;
    }

    @Override
    public Action onResponseTrailers(int trailerCount) {
      return Action.CONTINUE;
    }

    @Override
    public void onStreamComplete() {
      completed.incrementAndGet();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }

    String property(String... path) {
      byte[] v = host.property(List.of(path));
      return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    long intProperty(String... path) {
      return ByteBuffer.wrap(host.property(List.of(path))).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
  }

  /** Denies requests carrying x-deny with a 403 local reply. */
  static final class Deny extends Base {
    Deny(HttpStreamHost host) {
      super(host);
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
      if (host.requestHeaders().get("x-deny") != null) {
        host.sendLocalResponse(
            new LocalResponse(
                403,
                "denied_by_test",
                "access denied".getBytes(StandardCharsets.UTF_8),
                List.of(Map.entry("x-denied", "yes")),
                -1));
        return Action.PAUSE;
      }
      return Action.CONTINUE;
    }
  }

  /** Adds a header each way and exposes some stream properties in the response. */
  static final class Headers extends Base {
    Headers(HttpStreamHost host) {
      super(host);
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
      host.requestHeaders().add("x-added-request", "from-filter");
      return Action.CONTINUE;
    }

    @Override
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
      var h = host.responseHeaders();
      h.add("x-added-response", "from-filter");
      h.add("x-seen-route", property("route_name"));
      h.add("x-seen-cluster", property("xds", "cluster_name"));
      h.add("x-seen-url-path", property("request", "url_path"));
      h.add("x-seen-method", property("request", "method"));
      h.add("x-seen-source-port", Long.toString(intProperty("source", "port")));
      h.add("x-seen-code", Long.toString(intProperty("response", "code")));
      h.add("x-seen-status", h.get(":status"));
      return Action.CONTINUE;
    }
  }

  /** Pauses request headers and continues later from another thread, like an async auth call. */
  static final class PauseThenContinue extends Base {
    PauseThenContinue(HttpStreamHost host) {
      super(host);
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
      host.requestHeaders().add("x-resumed", "yes");
      // Another thread resumes, as an HTTP-call callback would; the gateway hops to the stream's loop.
      CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)
          .execute(() -> host.continueStream(StreamType.HTTP_REQUEST));
      return Action.PAUSE;
    }
  }

  /** Buffers the whole request body (PAUSE until end of stream), then upper-cases it in place. */
  static final class UpperCaseBody extends Base {
    UpperCaseBody(HttpStreamHost host) {
      super(host);
    }

    @Override
    public Action onRequestBody(int bodySize, boolean endOfStream) {
      if (!endOfStream) {
        return Action.PAUSE;
      }
      BodyBuffer body = host.requestBody();
      String text = new String(body.read(0, body.size()), StandardCharsets.UTF_8);
      body.write(0, body.size(), text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return Action.CONTINUE;
    }
  }
}
