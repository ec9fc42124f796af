package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.plugin.ResourceException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The wasmgate.io/ annotations that set a plugin's VM limits, and their validation. */
class PluginLimitsTest {

  private static ParsedResource parse(String annotations) throws ResourceException {
    return WasmPluginParser.parse("""
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata:
          name: p
          annotations: {%s}
        spec: {url: file:///p.wasm}
        """.formatted(annotations), "s.yaml").get(0);
  }

  @Test
  void readsEveryLimit() throws Exception {
    PluginLimits limits = parse("""
        wasmgate.io/callback-timeout: 100ms, wasmgate.io/max-memory: 64Mi,
        wasmgate.io/rebuild-memory-threshold: 32Mi, wasmgate.io/rebuild-after-requests: "1000"
        """).plugin().limits();

    assertThat(limits).isEqualTo(new PluginLimits(Duration.ofMillis(100), 64L << 20, 32L << 20, 1000L));
  }

  @Test
  void noAnnotationsMeanTheGatewayDefaults() throws Exception {
    assertThat(parse("team: a").plugin().limits()).isEqualTo(PluginLimits.NONE);
  }

  @Test
  void anUnknownWasmgateAnnotationIsAWarning() throws Exception {
    assertThat(parse("wasmgate.io/cpu: \"1\"").warnings()).singleElement().asString()
        .contains("metadata.annotations[wasmgate.io/cpu]: unknown wasmgate annotation");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "wasmgate.io/callback-timeout: 0ms|metadata.annotations[wasmgate.io/callback-timeout]: \"0ms\" is not a duration between 1ms and 60s",
      "wasmgate.io/callback-timeout: 2m|metadata.annotations[wasmgate.io/callback-timeout]: \"2m\" is not a duration",
      "wasmgate.io/max-memory: 64MB|metadata.annotations[wasmgate.io/max-memory]: \"64MB\" is not a size between 64Ki and 4Gi",
      "wasmgate.io/max-memory: 5Gi|metadata.annotations[wasmgate.io/max-memory]: \"5Gi\" is not a size",
      "wasmgate.io/rebuild-after-requests: \"-1\"|metadata.annotations[wasmgate.io/rebuild-after-requests]: \"-1\" is not a positive number",
      "wasmgate.io/max-memory: 16Mi, wasmgate.io/rebuild-memory-threshold: 16Mi|metadata.annotations[wasmgate.io/rebuild-memory-threshold]: must be below the memory cap (16777216 bytes)",
  })
  void anInvalidLimitIsAnErrorNamingTheAnnotation(String annotations, String error) {
    assertThatThrownBy(() -> parse(annotations))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining("s.yaml document 1 (default/p): " + error);
  }
}
