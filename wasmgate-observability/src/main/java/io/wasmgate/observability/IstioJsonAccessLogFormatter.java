package io.wasmgate.observability;

import tools.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link AccessLogEntry} as one line of Istio's default JSON access log (the field set and
 * order of Istio's {@code EnvoyJSONLogFormatIstio}). Unknown strings and numbers (-1) are written as
 * JSON null. Every request goes through here, so the object is built by hand into a StringBuilder
 * (no generator per line) and the timestamp's date and time of day are formatted once per second.
 * Thread-safe: the only shared state is an immutable cache entry.
 */
public final class IstioJsonAccessLogFormatter {
  private static final DateTimeFormatter UP_TO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** "yyyy-MM-ddTHH:mm:ss" of one epoch second; replaced, never mutated, so racing threads are safe. */
  private record Second(long epochSecond, String text) {}

  private Second lastSecond = new Second(Long.MIN_VALUE, "");

  /** The JSON object for one request, without a line terminator. */
  public String format(AccessLogEntry entry) {
    StringBuilder out = new StringBuilder(512);
    append(entry, out);
    return out.toString();
  }

  /** Appends the JSON object and a newline to {@code out}, without flushing it. */
  public void writeLine(AccessLogEntry entry, Writer out) throws IOException {
    StringBuilder line = new StringBuilder(512);
    append(entry, line);
    line.append('\n');
    out.append(line);
  }

  /** Appends the JSON object for one request, without a line terminator. */
  public void append(AccessLogEntry e, StringBuilder out) {
    out.append('{');
    out.append("\"start_time\":");
    startTime(out, e.startTime());
    string(out, "method", e.method());
    string(out, "path", e.path());
    string(out, "protocol", e.protocol());
    number(out, "response_code", e.responseCode());
    string(out, "response_flags", e.responseFlags());
    string(out, "response_code_details", e.responseCodeDetails());
    string(out, "connection_termination_details", e.connectionTerminationDetails());
    string(out, "upstream_transport_failure_reason", e.upstreamTransportFailureReason());
    number(out, "bytes_received", e.bytesReceived());
    number(out, "bytes_sent", e.bytesSent());
    number(out, "duration", e.durationMillis());
    number(out, "upstream_service_time", e.upstreamServiceTimeMillis());
    string(out, "x_forwarded_for", e.xForwardedFor());
    string(out, "user_agent", e.userAgent());
    string(out, "request_id", e.requestId());
    string(out, "authority", e.authority());
    string(out, "upstream_host", e.upstreamHost());
    string(out, "upstream_cluster", e.upstreamCluster());
    string(out, "upstream_local_address", e.upstreamLocalAddress());
    string(out, "downstream_local_address", e.downstreamLocalAddress());
    string(out, "downstream_remote_address", e.downstreamRemoteAddress());
    string(out, "requested_server_name", e.requestedServerName());
    string(out, "route_name", e.routeName());
    out.append('}');
  }

  /** UTC with milliseconds and a Z, e.g. "2026-11-28T12:00:00.123Z". */
  private void startTime(StringBuilder out, Instant t) {
    if (t == null) {
      out.append("null");
      return;
    }
    Second s = lastSecond;
    if (s.epochSecond() != t.getEpochSecond()) {
      s = new Second(t.getEpochSecond(), UP_TO_SECONDS.format(t));
      lastSecond = s;
    }
    int millis = t.getNano() / 1_000_000;
    out.append('"').append(s.text()).append('.');
    if (millis < 100) {
      out.append(millis < 10 ? "00" : "0");
    }
    out.append(millis).append("Z\"");
  }

  private static void string(StringBuilder out, String name, String value) {
    name(out, name);
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    escape(out, value);
    out.append('"');
  }

  private static void number(StringBuilder out, String name, long value) {
    name(out, name);
    if (value < 0) {
      out.append("null");
    } else {
      out.append(value);
    }
  }

  /** A property after the first: comma, quoted name, colon. */
  private static void name(StringBuilder out, String name) {
    out.append(",\"").append(name).append("\":");
  }

  /** JSON string escaping (quote, backslash, control characters), as Jackson writes strings. */
  private static void escape(StringBuilder out, String s) {
    JsonStringEncoder.getInstance().quoteAsString(s, out);
  }
}
