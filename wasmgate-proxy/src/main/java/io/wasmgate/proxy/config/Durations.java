package io.wasmgate.proxy.config;

import java.time.Duration;

/** Parses the short duration form used in gateway.yaml: 250ms, 5s, 1m, 2h. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim();
    int unitStart = 0;
    while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0 || unitStart == s.length()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration like 250ms, 5s, 1m or 2h");
    }
    long amount = Long.parseLong(s.substring(0, unitStart));
    return switch (s.substring(unitStart)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(
          "\"" + text + "\" has an unknown unit; use ms, s, m or h");
    };
  }
}
