package io.wasmgate.proxy.config;

/**
 * One route of a listener. Exactly one of {@code path} (exact match) and {@code prefix} is set.
 *
 * @param host the Host to match, "*" for any (compared case-insensitively, port ignored)
 */
public record RouteConfig(String name, String host, String path, String prefix, String cluster) {}
