package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.wasmgate.observability.AccessLogEntry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** What is known about one stream for the access log and the response.* properties. */
final class StreamInfo {
  final Instant startTime = Instant.now();
  final long startNanos = System.nanoTime();
  String protocol;
  int responseCode;
  String responseFlags = "-";
  String responseCodeDetails;
  String terminationDetails;
  String transportFailureReason;
  long bytesReceived;
  long bytesSent;
  long upstreamStartNanos;
  long upstreamServiceMillis = -1;
  String upstreamHost;
  String upstreamLocalAddress;
  String upstreamCluster;
  String routeName;

  void addFlag(String flag) {
    responseFlags = responseFlags.equals("-") ? flag : responseFlags + "," + flag;
  }

  long elapsedMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  AccessLogEntry toEntry(
      HttpRequest request, String path, String localAddress, String remoteAddress) {
    var h = request.headers();
    return new AccessLogEntry(
        startTime,
        request.method().name(),
        path,
        protocol,
        responseCode,
        responseFlags,
        responseCodeDetails,
        terminationDetails,
        bytesReceived,
        bytesSent,
        elapsedMillis(),
        upstreamServiceMillis,
        h.get(ForwardedHeaders.X_FORWARDED_FOR),
        h.get(HttpHeaderNames.USER_AGENT),
        h.get(ForwardedHeaders.X_REQUEST_ID),
        h.get(HttpHeaderNames.HOST),
        upstreamHost,
        upstreamCluster,
        upstreamLocalAddress,
        localAddress,
        remoteAddress,
        null,
        routeName,
        transportFailureReason);
  }
}
