package io.wasmgate.observability;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders a {@link StatsStore} the way Envoy's admin does: {@code name: value} text, the JSON form
 * of {@code /stats?format=json}, and the Prometheus text exposition of {@code /stats/prometheus}.
 * A {@code filter} (nullable) keeps stats whose Envoy name contains a match, like {@code ?filter=}.
 */
public final class StatsWriters {
  /** Plugin-defined metrics live in this namespace; Prometheus output strips it, as Envoy does. */
  public static final String CUSTOM_NAMESPACE = "wasmcustom.";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern NOT_PROMETHEUS = Pattern.compile("[^a-zA-Z0-9_]");

  private StatsWriters() {}

  /**
   * One {@code name: value} line per counter and gauge, sorted by Envoy name, then one
   * {@code name: count=N sum=S} line per histogram (Envoy prints quantiles there instead).
   */
  public static String envoyText(StatsStore stats, Pattern filter) {
    StringBuilder out = new StringBuilder();
    flat(stats, filter).forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
    stats.histograms().forEach((stat, histogram) -> {
      if (matches(filter, stat.envoyName())) {
        out.append(stat.envoyName()).append(": count=").append(histogram.count())
            .append(" sum=").append(histogram.sum()).append('\n');
      }
    });
    return out.toString();
  }

  /** {@code {"stats":[{"name":"...","value":N},...]}}, sorted by Envoy name. */
  public static String envoyJson(StatsStore stats, Pattern filter) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeArrayPropertyStart("stats");
      for (Map.Entry<String, Long> stat : flat(stats, filter).entrySet()) {
        g.writeStartObject();
        g.writeStringProperty("name", stat.getKey());
        g.writeNumberProperty("value", stat.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString();
  }

  /**
   * Prometheus text format 0.0.4: names get Envoy's {@code envoy_} prefix and underscores for every
   * other character (custom {@code wasmcustom.} metrics get neither), tags become labels, and each
   * family has one {@code # TYPE} line. No {@code _total} suffix is added, matching Envoy.
   */
  public static String prometheus(StatsStore stats, Pattern filter) {
    SortedMap<String, Family> families = new TreeMap<>();
    addFamilies(families, stats.counters(), "counter", filter);
    addFamilies(families, stats.gauges(), "gauge", filter);
    addHistograms(families, stats.histograms(), filter);
    StringBuilder out = new StringBuilder();
    families.forEach((name, family) -> {
      out.append("# TYPE ").append(name).append(' ').append(family.type).append('\n');
      family.samples.forEach(sample -> out.append(sample).append('\n'));
    });
    return out.toString();
  }

  /** Each histogram as Envoy exports it: cumulative _bucket{le=...} samples, _sum and _count. */
  private static void addHistograms(SortedMap<String, Family> families,
      SortedMap<StatName, StatsHistogram> histograms, Pattern filter) {
    histograms.forEach((stat, histogram) -> {
      if (!matches(filter, stat.envoyName())) {
        return;
      }
      String name = prometheusName(stat.name());
      if (families.containsKey(name) && !families.get(name).type.equals("histogram")) {
        name = name + "_histogram";
      }
      Family family = families.computeIfAbsent(name, n -> new Family("histogram"));
      for (int i = 0; i < StatsHistogram.BOUNDS.length; i++) {
        family.samples.add(name + "_bucket" + labels(stat.tags(), bound(StatsHistogram.BOUNDS[i]))
            + ' ' + histogram.cumulativeCount(i));
      }
      family.samples.add(name + "_bucket" + labels(stat.tags(), "+Inf") + ' ' + histogram.count());
      family.samples.add(name + "_sum" + labels(stat.tags()) + ' ' + histogram.sum());
      family.samples.add(name + "_count" + labels(stat.tags()) + ' ' + histogram.count());
    });
  }

  private static String bound(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  private static String labels(SortedMap<String, String> tags, String le) {
    SortedMap<String, String> withLe = new TreeMap<>(tags);
    withLe.put("le", le);
    return labels(withLe);
  }

  /** The Prometheus metric name Envoy would use for a dotted stat name. */
  public static String prometheusName(String statName) {
    if (statName.startsWith(CUSTOM_NAMESPACE)) {
      return sanitize(statName.substring(CUSTOM_NAMESPACE.length()));
    }
    return "envoy_" + sanitize(statName);
  }

  private static SortedMap<String, Long> flat(StatsStore stats, Pattern filter) {
    SortedMap<String, Long> out = new TreeMap<>();
    for (SortedMap<StatName, Long> kind : List.of(stats.counters(), stats.gauges())) {
      kind.forEach((name, value) -> {
        String envoyName = name.envoyName();
        if (matches(filter, envoyName)) {
          out.put(envoyName, value);
        }
      });
    }
    return out;
  }

  private static void addFamilies(SortedMap<String, Family> families, SortedMap<StatName, Long> stats,
      String type, Pattern filter) {
    stats.forEach((stat, value) -> {
      if (!matches(filter, stat.envoyName())) {
        return;
      }
      String name = prometheusName(stat.name());
      Family existing = families.get(name);
      if (existing != null && !existing.type.equals(type)) {
        name = name + "_" + type; // a counter and a gauge that sanitize alike must not share a TYPE
      }
      families.computeIfAbsent(name, n -> new Family(type))
          .samples.add(name + labels(stat.tags()) + ' ' + value);
    });
  }

  private static String labels(SortedMap<String, String> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("{");
    tags.forEach((key, value) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(sanitize(key)).append("=\"").append(escapeLabel(value)).append('"');
    });
    return out.append('}').toString();
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String sanitize(String name) {
    return NOT_PROMETHEUS.matcher(name).replaceAll("_");
  }

  private static boolean matches(Pattern filter, String envoyName) {
    return filter == null || filter.matcher(envoyName).find();
  }

  private static final class Family {
    final String type;
    final List<String> samples = new ArrayList<>();

    Family(String type) {
      this.type = type;
    }
  }
}
