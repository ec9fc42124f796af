package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.abi.Action;
import io.wasmgate.runtime.EngineKind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The header-map host calls as a plugin sees them (ABI 0.2.1), and how 0.1.0 differs. */
class HeaderEditsTest {

  private static TestStream runRequest(String fixture, EngineKind engine, TestStream stream)
      throws Exception {
    try (PluginVm vm =
            ProxyWasmHost.load(Fixtures.wasm(fixture), engine)
                .start(Fixtures.spec("{\"k\":1}"), HostServices.NONE);
        HttpContext context = vm.createHttpContext(stream)) {
      assertThat(context.onRequestHeaders(stream.requestHeaders.size(), false))
          .isEqualTo(Action.CONTINUE);
    }
    return stream;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void addsReplacesRemovesAndCopiesRequestHeaders(EngineKind engine) throws Exception {
    TestStream stream =
        runRequest(
            "header_edits",
            engine,
            TestStream.get("/", "x-replace", "old", "X-Remove", "gone", "x-copy-from", "copied!"));
    HeaderMap headers = stream.requestHeaders;

    assertThat(headers.get("x-added")).isEqualTo("yes");
    assertThat(headers.get("x-replace")).isEqualTo("new");
    assertThat(headers.get("x-remove")).isNull();
    assertThat(headers.get("x-copied")).isEqualTo("copied!");
    assertThat(headers.get("x-missing-status")).as("NOT_FOUND").isEqualTo("01");
    assertThat(headers.get("x-bad-map-status")).as("BAD_ARGUMENT").isEqualTo("02");
    assertThat(headers.get("x-trailers-status")).as("no trailers: NOT_FOUND").isEqualTo("01");
    assertThat(headers.entries().get(3)).isEqualTo(Map.entry("x-replace", "new"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void replacesResponseHeadersWithSerializedPairs(EngineKind engine) throws Exception {
    TestStream stream = TestStream.get("/");
    stream.responseHeaders = ListHeaderMap.of(":status", "200", "server", "upstream");
    try (PluginVm vm =
            ProxyWasmHost.load(Fixtures.wasm("header_edits"), engine)
                .start(Fixtures.spec(null), HostServices.NONE);
        HttpContext context = vm.createHttpContext(stream)) {
      context.onResponseHeaders(2, true);
    }

    assertThat(stream.responseHeaders.entries())
        .containsExactly(Map.entry("x-set", "pairs"), Map.entry("x-size", "24"));
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void abi010HasTwoArgumentHeaderCallbacksAndEmptyMissingValues(EngineKind engine)
      throws Exception {
    TestStream stream = runRequest("v010", engine, TestStream.get("/"));
    HeaderMap headers = stream.requestHeaders;

    assertThat(headers.get("x-missing-status")).as("OK, not NOT_FOUND").isEqualTo("00");
    assertThat(headers.get("x-missing-length")).isEqualTo("00");
    assertThat(headers.get("x-header-args")).isEqualTo("03");
    assertThat(headers.get("x-config")).isEqualTo("{\"k\":1}");
    assertThat(stream.streamCalls).containsExactly("continue HTTP_REQUEST");
  }
}
