package io.wasmgate.plugin.model;

import io.wasmgate.host.VmLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-plugin VM limits wasmgate reads from annotations, since Istio's WasmPlugin has no fields
 * for them. Absent values are null and take the gateway's defaults.
 *
 * <ul>
 *   <li>{@code wasmgate.io/callback-timeout: 100ms} (ms or s): a callback running longer is
 *       interrupted and handled as a trap;
 *   <li>{@code wasmgate.io/max-memory: 64Mi} (bytes, Ki, Mi, Gi): the linear-memory cap per VM;
 *   <li>{@code wasmgate.io/rebuild-memory-threshold: 32Mi}: a VM whose memory grew past this is
 *       rebuilt in the background and swapped in between streams (the leak guard);
 *   <li>{@code wasmgate.io/rebuild-after-requests: 100000}: a VM is rebuilt after serving as many
 *       streams.
 * </ul>
 */
public record PluginLimits(
    Duration callbackTimeout,
    Long maxMemoryBytes,
    Long rebuildMemoryThresholdBytes,
    Long rebuildAfterRequests) {
  public static final String PREFIX = "wasmgate.io/";
  public static final String CALLBACK_TIMEOUT = PREFIX + "callback-timeout";
  public static final String MAX_MEMORY = PREFIX + "max-memory";
  public static final String REBUILD_MEMORY_THRESHOLD = PREFIX + "rebuild-memory-threshold";
  public static final String REBUILD_AFTER_REQUESTS = PREFIX + "rebuild-after-requests";
  public static final PluginLimits NONE = new PluginLimits(null, null, null, null);

  private static final Set<String> KNOWN =
      Set.of(CALLBACK_TIMEOUT, MAX_MEMORY, REBUILD_MEMORY_THRESHOLD, REBUILD_AFTER_REQUESTS);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)");
  private static final Pattern QUANTITY = Pattern.compile("(\\d{1,13})(Ki|Mi|Gi)?");
  private static final Duration MAX_CALLBACK_TIMEOUT = Duration.ofMinutes(1);
  private static final long PAGE = 64 * 1024;
  private static final long MAX_MEMORY_BYTES = 4L << 30;

  /** The limits of valid annotations (as {@link #read} accepted them). */
  public static PluginLimits of(Map<String, String> annotations) {
    return read(annotations, new Problems());
  }

  /** Reads the wasmgate.io/ annotations; each problem names its annotation. */
  static PluginLimits read(Map<String, String> annotations, Problems problems) {
    if (annotations.keySet().stream().noneMatch(k -> k.startsWith(PREFIX))) {
      return NONE;
    }
    annotations.keySet().stream()
        .filter(k -> k.startsWith(PREFIX) && !KNOWN.contains(k))
        .sorted()
        .forEach(k -> problems.warn(path(k), "unknown wasmgate annotation (known: " + String.join(", ", KNOWN.stream().sorted().toList()) + ")"));
    Duration timeout = duration(annotations, CALLBACK_TIMEOUT, problems);
    Long maxMemory = bytes(annotations, MAX_MEMORY, problems);
    Long threshold = bytes(annotations, REBUILD_MEMORY_THRESHOLD, problems);
    Long requests = count(annotations, REBUILD_AFTER_REQUESTS, problems);
    long cap = maxMemory == null ? VmLimits.DEFAULT_MAX_MEMORY_BYTES : maxMemory;
    if (threshold != null && threshold >= cap) {
      problems.error(path(REBUILD_MEMORY_THRESHOLD),
          "must be below the memory cap (" + cap + " bytes), or the VM traps before it is rebuilt");
    }
    return new PluginLimits(timeout, maxMemory, threshold, requests);
  }

  /** The VM limits with the gateway's defaults for what is not set. */
  public VmLimits vmLimits(VmLimits defaults) {
    return new VmLimits(
        callbackTimeout == null ? defaults.callbackTimeout() : callbackTimeout,
        maxMemoryBytes == null ? defaults.maxMemoryBytes() : maxMemoryBytes);
  }

  private static Duration duration(Map<String, String> annotations, String key, Problems problems) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    Matcher m = DURATION.matcher(value.trim());
    Duration parsed = null;
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      parsed = m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }
    if (parsed == null || parsed.isZero() || parsed.compareTo(MAX_CALLBACK_TIMEOUT) > 0) {
      problems.error(path(key), "\"" + value + "\" is not a duration between 1ms and 60s (e.g. 100ms, 2s)");
      return null;
    }
    return parsed;
  }

  private static Long bytes(Map<String, String> annotations, String key, Problems problems) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    Matcher m = QUANTITY.matcher(value.trim());
    Long parsed = null;
    if (m.matches()) {
      long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
        case "Ki" -> 1L << 10;
        case "Mi" -> 1L << 20;
        default -> 1L << 30;
      };
      parsed = Long.parseLong(m.group(1)) * unit;
    }
    if (parsed == null || parsed < PAGE || parsed > MAX_MEMORY_BYTES) {
      problems.error(path(key), "\"" + value + "\" is not a size between 64Ki and 4Gi (bytes, or with Ki, Mi, Gi)");
      return null;
    }
    return parsed;
  }

  private static Long count(Map<String, String> annotations, String key, Problems problems) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.error(path(key), "\"" + value + "\" is not a positive number of requests");
    return null;
  }

  private static String path(String annotation) {
    return "metadata.annotations[" + annotation + "]";
  }
}
