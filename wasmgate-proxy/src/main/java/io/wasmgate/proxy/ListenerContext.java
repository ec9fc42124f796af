package io.wasmgate.proxy;

import io.wasmgate.observability.AccessLog;
import io.wasmgate.plugin.FilterChainSource;
import io.wasmgate.proxy.config.LimitsConfig;
import io.wasmgate.proxy.route.RouteTable;

/**
 * What every stream of one listener shares: routes, the plugin chain source, stats, access log.
 *
 * @param port the bound port, the one WasmPlugin traffic selectors see
 */
public record ListenerContext(
    String name,
    int port,
    RouteTable routes,
    FilterChainSource chains,
    ProxyStats stats,
    AccessLog accessLog,
    LimitsConfig limits) {}
