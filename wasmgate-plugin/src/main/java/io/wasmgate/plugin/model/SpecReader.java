package io.wasmgate.plugin.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and validates a WasmPlugin spec with the rules of Istio's CRD (extensions/v1alpha1). */
final class SpecReader {
  private static final Pattern SHA256 = Pattern.compile("^[a-f0-9]{64}$");
  private static final int MAX_ENV = 256;
  private static final int MAX_TARGET_REFS = 16;
  private static final Set<String> SPEC_FIELDS =
      Set.of(
          "selector", "targetRef", "targetRefs", "url", "sha256", "imagePullPolicy",
          "imagePullSecret", "verificationKey", "pluginConfig", "pluginName", "phase", "priority",
          "failStrategy", "vmConfig", "match", "type");
  private static final JsonMapper JSON = JsonMapper.shared();

  private SpecReader() {}

  /** The spec, or null when {@code problems} got an error. */
  static WasmPluginSpec read(Fields spec, Problems problems) {
    int errorsBefore = problems.errors().size();
    spec.warnUnknown(SPEC_FIELDS);
    Map<String, String> selector = selector(spec);
    List<PolicyTargetReference> targetRefs = targetRefs(spec);
    if (selector != null && !targetRefs.isEmpty()) {
      spec.error("selector", "selector and targetRefs are mutually exclusive");
    }
    ModuleUrl module = moduleUrl(spec);
    String sha256 = spec.string("sha256");
    if (sha256 != null && !SHA256.matcher(sha256).matches()) {
      spec.error("sha256", "must be 64 lower-case hex characters (^[a-f0-9]{64}$)");
    }
    PullPolicy pullPolicy =
        spec.enumValue("imagePullPolicy", PullPolicy.class, PullPolicy::wireName, PullPolicy.UNSPECIFIED_POLICY);
    String pullSecret = spec.string("imagePullSecret");
    if (spec.raw("verificationKey") != null) {
      spec.warn("verificationKey", "ignored: module signature verification is not supported");
    }
    String pluginConfig = pluginConfig(spec);
    String pluginName = spec.string("pluginName");
    if (pluginName != null && (pluginName.isEmpty() || pluginName.length() > 256)) {
      spec.error("pluginName", "must be 1 to 256 characters, got " + pluginName.length());
    }
    PluginPhase phase = spec.enumValue("phase", PluginPhase.class, PluginPhase.UNSPECIFIED_PHASE);
    Integer priority = spec.integer("priority");
    FailStrategy failStrategy = spec.enumValue("failStrategy", FailStrategy.class, FailStrategy.FAIL_CLOSE);
    List<EnvVar> env = env(spec);
    List<TrafficSelector> match = match(spec);
    PluginType type = spec.enumValue("type", PluginType.class, PluginType.UNSPECIFIED_PLUGIN_TYPE);
    if (type == PluginType.NETWORK) {
      spec.error("type", "NETWORK plugins are not supported: this gateway runs HTTP plugins only");
    }
    if (problems.errors().size() > errorsBefore) {
      return null;
    }
    return new WasmPluginSpec(
        selector, targetRefs, module, sha256, pullPolicy, pullSecret, pluginConfig, pluginName,
        phase, priority, failStrategy, env, match, type);
  }

  private static Map<String, String> selector(Fields spec) {
    Fields selector = spec.object("selector");
    if (selector == null) {
      return null;
    }
    selector.warnUnknown(Set.of("matchLabels"));
    Map<String, String> labels = selector.stringMap("matchLabels");
    return labels == null ? Map.of() : labels;
  }

  private static List<PolicyTargetReference> targetRefs(Fields spec) {
    List<Fields> items = new ArrayList<>();
    Fields single = spec.object("targetRef");
    if (single != null) {
      items.add(single);
    }
    items.addAll(spec.objects("targetRefs", MAX_TARGET_REFS));
    if (single != null && items.size() > 1) {
      spec.error("targetRef", "targetRef and targetRefs are mutually exclusive");
    }
    List<PolicyTargetReference> refs = new ArrayList<>();
    for (Fields ref : items) {
      ref.warnUnknown(Set.of("group", "kind", "name", "namespace"));
      String group = ref.string("group");
      String kind = ref.requiredString("kind");
      String name = ref.requiredString("name");
      refs.add(new PolicyTargetReference(group == null ? "" : group, kind, name, ref.string("namespace")));
    }
    return refs;
  }

  private static ModuleUrl moduleUrl(Fields spec) {
    String url = spec.requiredString("url");
    if (url == null) {
      return null;
    }
    try {
      return ModuleUrl.parse(url);
    } catch (IllegalArgumentException e) {
      spec.error("url", e.getMessage());
      return null;
    }
  }

  private static String pluginConfig(Fields spec) {
    JsonNode config = spec.raw("pluginConfig");
    if (config == null) {
      return null;
    }
    if (!config.isObject()) {
      spec.error("pluginConfig", "expected a mapping (a JSON object)");
      return null;
    }
    return JSON.writeValueAsString(config);
  }

  private static List<EnvVar> env(Fields spec) {
    Fields vmConfig = spec.object("vmConfig");
    List<EnvVar> env = new ArrayList<>();
    if (vmConfig == null) {
      return env;
    }
    vmConfig.warnUnknown(Set.of("env"));
    Set<String> seen = new HashSet<>();
    for (Fields item : vmConfig.objects("env", MAX_ENV)) {
      item.warnUnknown(Set.of("name", "valueFrom", "value"));
      String name = item.requiredString("name");
      EnvValueSource from = item.enumValue("valueFrom", EnvValueSource.class, EnvValueSource.INLINE);
      String value = item.string("value");
      if (from == EnvValueSource.HOST && value != null && !value.isEmpty()) {
        item.error("value", "must be empty when valueFrom is HOST (the value comes from the gateway's environment)");
      }
      if (name != null && !seen.add(name)) {
        item.error("name", "duplicate environment variable \"" + name + "\"");
      }
      env.add(new EnvVar(name, from, value == null ? "" : value));
    }
    return env;
  }

  private static List<TrafficSelector> match(Fields spec) {
    List<TrafficSelector> match = new ArrayList<>();
    for (Fields item : spec.objects("match", Integer.MAX_VALUE)) {
      item.warnUnknown(Set.of("mode", "ports"));
      WorkloadMode mode = item.enumValue("mode", WorkloadMode.class, WorkloadMode.UNDEFINED);
      List<Integer> ports = new ArrayList<>();
      for (Fields port : item.objects("ports", Integer.MAX_VALUE)) {
        port.warnUnknown(Set.of("number"));
        Integer number = port.integer("number");
        if (number == null && port.raw("number") == null) {
          port.error("number", "required");
        } else if (number != null && (number < 1 || number > 65535)) {
          port.error("number", "must be between 1 and 65535, got " + number);
        } else if (number != null) {
          ports.add(number);
        }
      }
      match.add(new TrafficSelector(mode, ports));
    }
    return match;
  }
}
