package io.wasmgate.plugin;

import io.wasmgate.runtime.EngineKind;
import java.util.Locale;

/** How plugin modules are run: which engine, and whether a plugin may start before it is compiled. */
public enum EnginePolicy {
  /**
   * Compiled code from the cache when it is there; otherwise a plugin's first version starts on
   * the interpreter at once while it compiles in the background, and its VMs move to the compiled
   * code as soon as that is ready (the way V8 tiers up from its baseline compiler). Updates to a
   * serving plugin are compiled before they replace it, so they never run slower than before.
   */
  TIERED,
  /** Every module is compiled (or its compiled code loaded from the cache) before it serves. */
  COMPILER,
  /** Every module runs on the interpreter. */
  INTERPRETER;

  /** The engine a module ends up on. */
  public EngineKind engine() {
    return this == INTERPRETER ? EngineKind.INTERPRETER : EngineKind.COMPILER;
  }

  public static EnginePolicy of(EngineKind engine) {
    return engine == EngineKind.INTERPRETER ? INTERPRETER : COMPILER;
  }

  /** Parses "tiered", "compiler" or "interpreter", in any case. */
  public static EnginePolicy parse(String name) {
    for (EnginePolicy policy : values()) {
      if (policy.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown engine \"" + name + "\" (expected tiered, compiler or interpreter)");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
