package io.wasmgate.plugin.model;

/** One spec.vmConfig.env[] entry; {@code value} is empty when {@code valueFrom} is HOST. */
public record EnvVar(String name, EnvValueSource valueFrom, String value) {}
