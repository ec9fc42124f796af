package io.wasmgate.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Runtime log levels over Logback, with Envoy's vocabulary: component names ({@code wasm},
 * {@code http}, {@code admin}, ...) and levels trace, debug, info, warning (warn), error
 * (critical), off. Any other name is taken as a Logback logger name, {@code root} is the root.
 */
public final class LogLevels {
  /** The logger that plugin output goes to, as {@code wasm log <ns>.<name>: <msg>}. */
  public static final String WASM = "wasm";

  public static final String ROOT = "root";

  private static final String LEVEL_NAMES = "trace, debug, info, warning, warn, error, critical, off";

  /** Envoy-like component name to the Logback logger it controls. */
  private static final Map<String, String> COMPONENTS =
      Map.of(
          WASM, WASM,
          "admin", "io.wasmgate.admin",
          "config", "io.wasmgate.plugin",
          "http", "io.wasmgate.proxy",
          "host", "io.wasmgate.host",
          "runtime", "io.wasmgate.runtime",
          "main", "io.wasmgate.cli");

  private final LoggerContext context;

  /** Over the Logback context SLF4J is bound to. */
  public LogLevels() {
    this(logbackContext());
  }

  public LogLevels(LoggerContext context) {
    this.context = context;
  }

  /** Component names mapped to Logback logger names; other names are used as given. */
  public static Map<String, String> components() {
    return new TreeMap<>(COMPONENTS);
  }

  /**
   * Every component, the root, and any other logger that has its own level, with its effective
   * level in Envoy's words, sorted by name.
   */
  public SortedMap<String, String> active() {
    SortedMap<String, String> out = new TreeMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        out.put(displayName(logger.getName()), envoyName(logger.getEffectiveLevel()));
      }
    }
    COMPONENTS.forEach((component, loggerName) ->
        out.put(component, envoyName(context.getLogger(loggerName).getEffectiveLevel())));
    return out;
  }

  /** Sets one component or logger; {@code root} means the root logger. */
  public void set(String name, Level level) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("logger name must not be empty");
    }
    context.getLogger(loggerName(name)).setLevel(level);
  }

  /** Sets the root, every component and every logger that has its own level. */
  public void setAll(Level level) {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    COMPONENTS.values().forEach(name -> context.getLogger(name).setLevel(level));
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        logger.setLevel(level);
      }
    }
  }

  /** Parses an Envoy level name (case-insensitive). */
  public static Level parseLevel(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warning", "warn" -> Level.WARN;
      case "error", "critical" -> Level.ERROR;
      case "off" -> Level.OFF;
      default -> throw new IllegalArgumentException(
          "unknown log level '" + name + "'; use one of " + LEVEL_NAMES);
    };
  }

  /** The Envoy name of a Logback level (WARN is "warning"). */
  public static String envoyName(Level level) {
    return switch (level.toInt()) {
      case Level.TRACE_INT -> "trace";
      case Level.DEBUG_INT -> "debug";
      case Level.INFO_INT -> "info";
      case Level.WARN_INT -> "warning";
      case Level.ERROR_INT -> "error";
      case Level.OFF_INT -> "off";
      default -> level.toString().toLowerCase(Locale.ROOT);
    };
  }

  /** The component a logger belongs to, or the logger name itself; used by the log layout. */
  static String componentOf(String loggerName) {
    String best = null;
    int bestLength = -1;
    for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
      String prefix = c.getValue();
      boolean under = loggerName.equals(prefix) || loggerName.startsWith(prefix + ".");
      if (under && prefix.length() > bestLength) {
        best = c.getKey();
        bestLength = prefix.length();
      }
    }
    return best != null ? best : loggerName;
  }

  private static String loggerName(String name) {
    if (ROOT.equalsIgnoreCase(name)) {
      return Logger.ROOT_LOGGER_NAME;
    }
    return COMPONENTS.getOrDefault(name, name);
  }

  private static String displayName(String loggerName) {
    if (Logger.ROOT_LOGGER_NAME.equals(loggerName)) {
      return ROOT;
    }
    return COMPONENTS.entrySet().stream()
        .filter(c -> c.getValue().equals(loggerName))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(loggerName);
  }

  private static LoggerContext logbackContext() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext ctx) {
      return ctx;
    }
    throw new IllegalStateException(
        "runtime log levels need Logback as the SLF4J backend, found " + factory.getClass().getName());
  }
}
