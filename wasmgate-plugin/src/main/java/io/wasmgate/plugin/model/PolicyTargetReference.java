package io.wasmgate.plugin.model;

/** One spec.targetRefs[] entry (Gateway API policy attachment); validated, not evaluated. */
public record PolicyTargetReference(String group, String kind, String name, String namespace) {}
