package io.wasmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IstioJsonAccessLogFormatterTest {
  private static final List<String> ISTIO_FIELDS = List.of(
      "start_time", "method", "path", "protocol", "response_code", "response_flags",
      "response_code_details", "connection_termination_details", "upstream_transport_failure_reason",
      "bytes_received", "bytes_sent", "duration", "upstream_service_time", "x_forwarded_for",
      "user_agent", "request_id", "authority", "upstream_host", "upstream_cluster",
      "upstream_local_address", "downstream_local_address", "downstream_remote_address",
      "requested_server_name", "route_name");

  private final IstioJsonAccessLogFormatter formatter = new IstioJsonAccessLogFormatter();
  private final JsonMapper json = new JsonMapper();

  @Test
  void writesIstioFieldsInIstioOrder() {
    JsonNode line = json.readTree(formatter.format(Entries.complete("/headers")));

    assertThat(new ArrayList<>(line.propertyNames())).containsExactlyElementsOf(ISTIO_FIELDS);
    assertThat(line.get("method").asString()).isEqualTo("GET");
    assertThat(line.get("path").asString()).isEqualTo("/headers");
    assertThat(line.get("response_code").isNumber()).isTrue();
    assertThat(line.get("response_code").asInt()).isEqualTo(200);
    assertThat(line.get("bytes_sent").asLong()).isEqualTo(250);
    assertThat(line.get("duration").asLong()).isEqualTo(7);
    assertThat(line.get("upstream_service_time").asLong()).isEqualTo(5);
    assertThat(line.get("upstream_cluster").asString()).isEqualTo("outbound|80||httpbin");
    assertThat(line.get("route_name").asString()).isEqualTo("default");
  }

  @Test
  void startTimeIsUtcWithMillisecondsAndZ() {
    String line = formatter.format(Entries.complete("/"));

    assertThat(line).startsWith("{\"start_time\":\"2026-11-28T12:00:00.123Z\",");
  }

  @Test
  void startTimePadsMillisecondsAndFollowsTheSecond() {
    AccessLogEntry early = withStart(Entries.complete("/"), "2026-11-28T12:00:59.005Z");
    AccessLogEntry next = withStart(Entries.complete("/"), "2026-11-28T12:01:00.050Z");

    assertThat(formatter.format(early)).startsWith("{\"start_time\":\"2026-11-28T12:00:59.005Z\",");
    assertThat(formatter.format(next)).startsWith("{\"start_time\":\"2026-11-28T12:01:00.050Z\",");
  }

  @Test
  void unknownStringsAndNumbersAreNull() {
    JsonNode line = json.readTree(formatter.format(Entries.unknownEverything()));

    assertThat(new ArrayList<>(line.propertyNames())).containsExactlyElementsOf(ISTIO_FIELDS);
    for (String field : ISTIO_FIELDS) {
      assertThat(line.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void escapesQuotesAndControlCharactersInValues() {
    JsonNode line = json.readTree(formatter.format(Entries.complete("/a\"b\n\\c")));

    assertThat(line.get("path").asString()).isEqualTo("/a\"b\n\\c");
  }

  @Test
  void escapesEveryControlCharacterAndKeepsNonAsciiText() {
    String path = "/\u0001\u001f\t\r\b\f/caf\u00e9/\u4e2d";

    String line = formatter.format(Entries.complete(path));

    assertThat(line).contains("\\u0001\\u001F\\t\\r\\b\\f/caf\u00e9/\u4e2d");
    assertThat(json.readTree(line).get("path").asString()).isEqualTo(path);
  }

  @Test
  void writeLineAppendsOneNewlineTerminatedObjectPerEntry() throws Exception {
    StringWriter out = new StringWriter();

    formatter.writeLine(Entries.complete("/one"), out);
    formatter.writeLine(Entries.complete("/two"), out);

    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(json.readTree(lines[1]).get("path").asString()).isEqualTo("/two");
  }

  private static AccessLogEntry withStart(AccessLogEntry e, String start) {
    return new AccessLogEntry(
        Instant.parse(start), e.method(), e.path(), e.protocol(), e.responseCode(), e.responseFlags(),
        e.responseCodeDetails(), e.connectionTerminationDetails(), e.bytesReceived(), e.bytesSent(),
        e.durationMillis(), e.upstreamServiceTimeMillis(), e.xForwardedFor(), e.userAgent(), e.requestId(),
        e.authority(), e.upstreamHost(), e.upstreamCluster(), e.upstreamLocalAddress(),
        e.downstreamLocalAddress(), e.downstreamRemoteAddress(), e.requestedServerName(), e.routeName(),
        e.upstreamTransportFailureReason());
  }
}
