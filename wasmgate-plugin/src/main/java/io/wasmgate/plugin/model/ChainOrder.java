package io.wasmgate.plugin.model;

import java.util.Comparator;

/**
 * Istio's plugin order: phase (AUTHN, AUTHZ, STATS, then UNSPECIFIED_PHASE), then priority
 * descending with an unset priority after every explicit one, then namespace and name so that the
 * order is total and stable across reloads.
 */
public final class ChainOrder {
  public static final Comparator<WasmPlugin> ORDER =
      Comparator.<WasmPlugin, PluginPhase>comparing(p -> p.spec().phase())
          .thenComparing(ChainOrder::effectivePriority, Comparator.reverseOrder())
          .thenComparing(p -> p.metadata().namespace())
          .thenComparing(p -> p.metadata().name());

  private ChainOrder() {}

  private static long effectivePriority(WasmPlugin plugin) {
    Integer priority = plugin.spec().priority();
    return priority == null ? Long.MIN_VALUE : priority;
  }
}
