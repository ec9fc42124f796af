package io.wasmgate.plugin.model;

import java.util.List;
import java.util.Map;

/**
 * A validated WasmPlugin spec, with Istio's field names. Optional fields are null when absent.
 *
 * @param selector spec.selector.matchLabels; null when there is no selector
 * @param targetRefs spec.targetRefs (or the deprecated spec.targetRef); validated, never evaluated
 *     because a gateway outside Kubernetes has no Gateway API objects to match
 * @param module where spec.url points, resolved to a local file
 * @param pluginConfig spec.pluginConfig as compact JSON, or null
 * @param priority null when unset (ordered after every explicit priority)
 */
public record WasmPluginSpec(
    Map<String, String> selector,
    List<PolicyTargetReference> targetRefs,
    ModuleUrl module,
    String sha256,
    PullPolicy imagePullPolicy,
    String imagePullSecret,
    String pluginConfig,
    String pluginName,
    PluginPhase phase,
    Integer priority,
    FailStrategy failStrategy,
    List<EnvVar> env,
    List<TrafficSelector> match,
    PluginType type) {

  public WasmPluginSpec {
    selector = selector == null ? null : Map.copyOf(selector);
    targetRefs = List.copyOf(targetRefs);
    env = List.copyOf(env);
    match = List.copyOf(match);
  }

  /** The plugin applies to a gateway carrying these labels (no selector: every gateway). */
  public boolean selects(Map<String, String> gatewayLabels) {
    return selector == null
        || selector.entrySet().stream()
            .allMatch(e -> e.getValue().equals(gatewayLabels.get(e.getKey())));
  }

  /** The plugin applies to streams arriving on this listener port (no match[]: every port). */
  public boolean matchesPort(int listenerPort) {
    return match.isEmpty() || match.stream().anyMatch(m -> m.matches(listenerPort));
  }

  /** Some match[] entry can apply to a gateway at all (SERVER-only plugins never do). */
  public boolean matchesGatewayMode() {
    return match.isEmpty() || match.stream().anyMatch(m -> m.mode().appliesToGateway());
  }
}
