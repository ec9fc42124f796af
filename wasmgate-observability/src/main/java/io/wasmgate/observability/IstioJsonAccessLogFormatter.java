package io.wasmgate.observability;

import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes an {@link AccessLogEntry} as one line of Istio's default JSON access log (the field set and
 * order of Istio's {@code EnvoyJSONLogFormatIstio}). Unknown strings and numbers (-1) are written as
 * JSON null. Thread-safe: the factory is immutable and every call gets its own generator.
 */
public final class IstioJsonAccessLogFormatter {
  private static final DateTimeFormatter START_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // The caller owns the Writer: closing a generator must neither close nor flush it.
  private final JsonFactory factory =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  /** The JSON object for one request, without a line terminator. */
  public String format(AccessLogEntry entry) {
    StringWriter out = new StringWriter(512);
    writeObject(entry, out);
    return out.toString();
  }

  /** Appends the JSON object and a newline to {@code out}, without flushing it. */
  public void writeLine(AccessLogEntry entry, Writer out) throws java.io.IOException {
    writeObject(entry, out);
    out.write('\n');
  }

  private void writeObject(AccessLogEntry e, Writer out) {
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      string(g, "start_time", startTime(e.startTime()));
      string(g, "method", e.method());
      string(g, "path", e.path());
      string(g, "protocol", e.protocol());
      number(g, "response_code", e.responseCode());
      string(g, "response_flags", e.responseFlags());
      string(g, "response_code_details", e.responseCodeDetails());
      string(g, "connection_termination_details", e.connectionTerminationDetails());
      string(g, "upstream_transport_failure_reason", e.upstreamTransportFailureReason());
      number(g, "bytes_received", e.bytesReceived());
      number(g, "bytes_sent", e.bytesSent());
      number(g, "duration", e.durationMillis());
      number(g, "upstream_service_time", e.upstreamServiceTimeMillis());
      string(g, "x_forwarded_for", e.xForwardedFor());
      string(g, "user_agent", e.userAgent());
      string(g, "request_id", e.requestId());
      string(g, "authority", e.authority());
      string(g, "upstream_host", e.upstreamHost());
      string(g, "upstream_cluster", e.upstreamCluster());
      string(g, "upstream_local_address", e.upstreamLocalAddress());
      string(g, "downstream_local_address", e.downstreamLocalAddress());
      string(g, "downstream_remote_address", e.downstreamRemoteAddress());
      string(g, "requested_server_name", e.requestedServerName());
      string(g, "route_name", e.routeName());
      g.writeEndObject();
    }
  }

  private static String startTime(Instant t) {
    return t == null ? null : START_TIME.format(t);
  }

  private static void string(JsonGenerator g, String name, String value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, value);
    }
  }

  private static void number(JsonGenerator g, String name, long value) {
    if (value < 0) {
      g.writeNullProperty(name);
    } else {
      g.writeNumberProperty(name, value);
    }
  }
}
