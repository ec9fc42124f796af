package io.wasmgate.admin;

import ch.qos.logback.classic.Level;
import io.wasmgate.observability.LogLevels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /logging, as in Envoy: GET lists the active loggers; POST changes them with {@code ?level=}
 * (all), {@code ?paths=a:debug,b:info} or {@code ?<logger>=<level>} and answers with the new list.
 * Every parameter is validated before anything changes.
 */
final class LoggingHandler {
  private final LogLevels levels;

  LoggingHandler(LogLevels levels) {
    this.levels = levels;
  }

  List<AdminEndpoint> endpoints() {
    return List.of(new AdminEndpoint("/logging", Set.of("GET", "POST"),
        "list loggers; POST ?<logger>=<level>, ?paths=a:debug,b:info or ?level=<level> to change "
            + "(levels: trace, debug, info, warning, error, critical, off)",
        false, this::handle));
  }

  private AdminResponse handle(AdminRequest request) {
    if (request.params().isEmpty()) {
      return AdminResponse.text(200, listing());
    }
    if (!request.method().equals("POST")) {
      return AdminResponse.text(405, "Method " + request.method() + " not allowed, POST required.\n");
    }
    Level all = null;
    Map<String, Level> changes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, List<String>> param : request.params().entrySet()) {
        for (String value : param.getValue()) {
          switch (param.getKey()) {
            case "level" -> all = parse("level", value);
            case "paths" -> parsePaths(value, changes);
            default -> changes.put(param.getKey(), parse(param.getKey(), value));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return AdminResponse.text(400, "error: " + e.getMessage() + "\n");
    }
    if (all != null) {
      levels.setAll(all);
    }
    changes.forEach(levels::set);
    return AdminResponse.text(200, listing());
  }

  private static void parsePaths(String paths, Map<String, Level> changes) {
    for (String item : paths.split(",")) {
      int colon = item.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "paths entry '" + item + "' must be <logger>:<level>, e.g. wasm:debug");
      }
      String logger = item.substring(0, colon).trim();
      changes.put(logger, parse(logger, item.substring(colon + 1)));
    }
  }

  private static Level parse(String logger, String level) {
    try {
      return LogLevels.parseLevel(level);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (for '" + logger + "')", e);
    }
  }

  private String listing() {
    StringBuilder out = new StringBuilder("active loggers:\n");
    levels.active().forEach((name, level) -> out.append("  ").append(name).append(": ").append(level).append('\n'));
    return out.toString();
  }
}
