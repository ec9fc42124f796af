package io.wasmgate.observability;

import java.time.Instant;

/** Access log entries for tests. */
final class Entries {
  private Entries() {}

  static AccessLogEntry complete(String path) {
    return new AccessLogEntry(
        Instant.parse("2026-11-28T12:00:00.123456789Z"), "GET", path, "HTTP/1.1", 200, "-",
        "via_upstream", null, 10, 250, 7, 5, "10.0.0.1", "curl/8.5.0", "req-1", "example.com",
        "127.0.0.1:8080", "outbound|80||httpbin", "127.0.0.1:50000", "127.0.0.1:8000",
        "127.0.0.1:40000", null, "default", null);
  }

  static AccessLogEntry unknownEverything() {
    return new AccessLogEntry(null, null, null, null, -1, null, null, null, -1, -1, -1, -1,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
