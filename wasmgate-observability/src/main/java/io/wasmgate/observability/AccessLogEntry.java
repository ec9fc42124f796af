package io.wasmgate.observability;

import java.time.Instant;

/**
 * What the data plane knows about one finished request, named after Istio's default JSON access log
 * fields. Null means unknown (written as null, as Envoy does); numbers that are unknown are -1.
 */
public record AccessLogEntry(
    Instant startTime,
    String method,
    String path,
    String protocol,
    int responseCode,
    String responseFlags,
    String responseCodeDetails,
    String connectionTerminationDetails,
    long bytesReceived,
    long bytesSent,
    long durationMillis,
    long upstreamServiceTimeMillis,
    String xForwardedFor,
    String userAgent,
    String requestId,
    String authority,
    String upstreamHost,
    String upstreamCluster,
    String upstreamLocalAddress,
    String downstreamLocalAddress,
    String downstreamRemoteAddress,
    String requestedServerName,
    String routeName,
    String upstreamTransportFailureReason) {}
