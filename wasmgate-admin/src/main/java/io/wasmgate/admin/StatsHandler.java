package io.wasmgate.admin;

import io.wasmgate.observability.StatsStore;
import io.wasmgate.observability.StatsWriters;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** /stats ({@code ?filter=<regex>}, {@code ?format=json|prometheus}) and /stats/prometheus. */
final class StatsHandler {
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final StatsStore stats;

  StatsHandler(StatsStore stats) {
    this.stats = stats;
  }

  List<AdminEndpoint> endpoints() {
    return List.of(
        AdminEndpoint.get("/stats",
            "print server stats; ?filter=<regex> keeps matching names, ?format=json|prometheus",
            this::stats),
        AdminEndpoint.get("/stats/prometheus", "print server stats in Prometheus text format",
            this::prometheus));
  }

  private AdminResponse stats(AdminRequest request) {
    Pattern filter;
    try {
      filter = filter(request);
    } catch (PatternSyntaxException e) {
      return badFilter(e);
    }
    String format = request.param("format");
    if (format == null || format.equals("text")) {
      return AdminResponse.text(200, StatsWriters.envoyText(stats, filter));
    }
    return switch (format) {
      case "json" -> AdminResponse.json(StatsWriters.envoyJson(stats, filter) + "\n");
      case "prometheus" -> new AdminResponse(200, PROMETHEUS, StatsWriters.prometheus(stats, filter), null);
      default -> AdminResponse.text(400,
          "error: unknown format '" + format + "'; use text, json or prometheus\n");
    };
  }

  private AdminResponse prometheus(AdminRequest request) {
    try {
      return new AdminResponse(200, PROMETHEUS, StatsWriters.prometheus(stats, filter(request)), null);
    } catch (PatternSyntaxException e) {
      return badFilter(e);
    }
  }

  private static Pattern filter(AdminRequest request) {
    String regex = request.param("filter");
    return regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
  }

  private static AdminResponse badFilter(PatternSyntaxException e) {
    return AdminResponse.text(400, "error: invalid filter regex '" + e.getPattern() + "': "
        + e.getDescription() + "\n");
  }
}
