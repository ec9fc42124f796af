package io.wasmgate.plugin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicabilityTest {
  private static final Map<String, String> GATEWAY = Map.of("istio", "ingressgateway", "zone", "eu");

  private static WasmPluginSpec spec(String... specLines) throws Exception {
    return WasmPluginParser.parse(Yaml.plugin("default", "p", specLines), "a.yaml").get(0).plugin().spec();
  }

  @Test
  void noSelectorAppliesEverywhere() throws Exception {
    assertThat(spec().selects(GATEWAY)).isTrue();
    assertThat(spec().selects(Map.of())).isTrue();
  }

  @Test
  void selectorMustBeASubsetOfTheGatewayLabels() throws Exception {
    assertThat(spec("selector: {matchLabels: {istio: ingressgateway}}").selects(GATEWAY)).isTrue();
    assertThat(spec("selector: {matchLabels: {istio: ingressgateway, zone: eu}}").selects(GATEWAY)).isTrue();
    assertThat(spec("selector: {matchLabels: {istio: ingressgateway, zone: us}}").selects(GATEWAY)).isFalse();
    assertThat(spec("selector: {matchLabels: {app: reviews}}").selects(GATEWAY)).isFalse();
    assertThat(spec("selector: {matchLabels: {}}").selects(GATEWAY)).isTrue();
  }

  @Test
  void targetRefsAreNotEvaluatedOutsideKubernetes() throws Exception {
    assertThat(spec("targetRefs: [{kind: Gateway, name: elsewhere}]").selects(GATEWAY)).isTrue();
  }

  @Test
  void noMatchAppliesToEveryPort() throws Exception {
    WasmPluginSpec spec = spec();
    assertThat(spec.matchesGatewayMode()).isTrue();
    assertThat(spec.matchesPort(8080)).isTrue();
  }

  @Test
  void gatewaysAreTheClientSide() throws Exception {
    for (String mode : new String[] {"UNDEFINED", "CLIENT", "CLIENT_AND_SERVER"}) {
      assertThat(spec("match: [{mode: " + mode + "}]").matchesPort(8080)).as(mode).isTrue();
    }
    WasmPluginSpec serverOnly = spec("match: [{mode: SERVER}]");
    assertThat(serverOnly.matchesGatewayMode()).isFalse();
    assertThat(serverOnly.matchesPort(8080)).isFalse();
  }

  @Test
  void portsLimitTheListeners() throws Exception {
    WasmPluginSpec spec = spec("match: [{mode: CLIENT, ports: [{number: 8080}]}, {ports: [{number: 9090}]}]");

    assertThat(spec.matchesPort(8080)).isTrue();
    assertThat(spec.matchesPort(9090)).isTrue();
    assertThat(spec.matchesPort(8443)).isFalse();
  }

  @Test
  void aServerSelectorDoesNotOpenItsPorts() throws Exception {
    WasmPluginSpec spec = spec("match: [{mode: SERVER, ports: [{number: 8080}]}, {mode: CLIENT, ports: [{number: 9090}]}]");

    assertThat(spec.matchesGatewayMode()).isTrue();
    assertThat(spec.matchesPort(8080)).isFalse();
    assertThat(spec.matchesPort(9090)).isTrue();
  }
}
