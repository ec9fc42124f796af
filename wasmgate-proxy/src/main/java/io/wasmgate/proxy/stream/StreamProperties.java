package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.proxy.route.Route;
import io.wasmgate.proxy.route.RouteTable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Envoy attributes of a stream (request.*, response.*, source.*, destination.*, upstream.*, route and
 * cluster names), encoded as Envoy encodes them for proxy_get_property: strings as raw UTF-8,
 * integers as 8-byte little-endian, timestamps as nanoseconds since the epoch, maps as header pairs.
 */
final class StreamProperties {
  private StreamProperties() {}

  static byte[] get(ProxyStream s, List<String> path) {
    if (path.isEmpty()) {
      return null;
    }
    String head = path.get(0);
    String sub = path.size() > 1 ? path.get(1) : null;
    String rest = path.size() > 2 ? path.get(2) : null;
    return switch (head) {
      case "request" -> sub == null ? null : request(s, sub, rest);
      case "response" -> sub == null ? null : response(s, sub, rest);
      case "source" -> sub == null ? null : address(s.downstream().remoteIp(), s.downstream().remotePort(), sub);
      case "destination" -> sub == null ? null : address(s.downstream().localIp(), s.downstream().localPort(), sub);
      case "upstream" -> sub == null ? null : upstream(s, sub);
      case "route_name" -> routeName(s);
      case "cluster_name" -> clusterName(s);
      case "xds" -> "route_name".equals(sub) ? routeName(s) : "cluster_name".equals(sub) ? clusterName(s) : null;
      case "connection" -> "id".equals(sub) ? int64(s.downstream().connectionId()) : null;
      case "listener_direction" -> int64(1); // INBOUND, as an ingress gateway listener
      default -> null;
    };
  }

  private static byte[] request(ProxyStream s, String name, String rest) {
    HttpRequest r = s.request();
    HttpHeaders h = r.headers();
    return switch (name) {
      case "path" -> str(r.uri());
      case "url_path" -> str(RouteTable.urlPath(r.uri()));
      case "query" -> {
        int q = r.uri().indexOf('?');
        yield str(q < 0 ? "" : r.uri().substring(q + 1));
      }
      case "host" -> str(h.get(HttpHeaderNames.HOST));
      case "scheme" -> str("http");
      case "method" -> str(r.method().name());
      case "id" -> str(h.get(ForwardedHeaders.X_REQUEST_ID));
      case "protocol" -> str(s.info.protocol);
      case "referer" -> str(h.get(HttpHeaderNames.REFERER));
      case "useragent" -> str(h.get(HttpHeaderNames.USER_AGENT));
      case "time" -> int64(nanos(s.info.startTime));
      case "duration" -> int64(System.nanoTime() - s.info.startNanos);
      case "size" -> int64(s.info.bytesReceived);
      case "headers" -> rest == null ? pairs(s.requestHeaders()) : str(s.requestHeaders().get(rest));
      default -> null;
    };
  }

  private static byte[] response(ProxyStream s, String name, String rest) {
    HttpResponse r = s.response();
    return switch (name) {
      case "code" -> r == null ? null : int64(r.status().code());
      case "code_details" -> str(s.info.responseCodeDetails);
      case "flags" -> str(s.info.responseFlags);
      case "size" -> int64(s.info.bytesSent);
      case "headers" -> {
        HeaderMap m = s.responseHeaders();
        yield m == null ? null : rest == null ? pairs(m) : str(m.get(rest));
      }
      default -> null;
    };
  }

  private static byte[] upstream(ProxyStream s, String name) {
    String host = s.info.upstreamHost;
    if (host == null) {
      return null;
    }
    int colon = host.lastIndexOf(':');
    return switch (name) {
      case "address" -> str(host);
      case "port" -> int64(Long.parseLong(host.substring(colon + 1)));
      default -> null;
    };
  }

  private static byte[] address(String ip, int port, String name) {
    return switch (name) {
      case "address" -> str(ip + ":" + port);
      case "port" -> int64(port);
      default -> null;
    };
  }

  private static byte[] routeName(ProxyStream s) {
    Route r = s.route();
    return r == null ? null : str(r.name());
  }

  private static byte[] clusterName(ProxyStream s) {
    Route r = s.route();
    return r == null ? null : str(r.cluster());
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static byte[] str(String v) {
    return v == null ? null : v.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] int64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  /** The proxy-wasm pairs encoding: count, then (key length, value length) each, then NUL-ended data. */
  private static byte[] pairs(HeaderMap map) {
    List<Map.Entry<String, String>> entries = map.entries();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteBuffer sizes = ByteBuffer.allocate(4 + 8 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
    sizes.putInt(entries.size());
    for (Map.Entry<String, String> e : entries) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
      sizes.putInt(k.length).putInt(v.length);
      data.writeBytes(k);
      data.write(0);
      data.writeBytes(v);
      data.write(0);
    }
    byte[] head = sizes.array();
    byte[] tail = data.toByteArray();
    byte[] out = new byte[head.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }
}
