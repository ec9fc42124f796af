package io.wasmgate.proxy.config;

import java.net.InetSocketAddress;

/** A "host:port" address as written in gateway.yaml; the host may be an IP literal or a name. */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
    }
  }

  /** Parses "host:port", "[v6]:port", ":port" or "port" (the last two bind every interface). */
  public static HostPort parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? "" : s.substring(0, colon);
    String port = colon < 0 ? s : s.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not host:port");
    }
    return new HostPort(host.isEmpty() ? "0.0.0.0" : host, p);
  }

  /** An unresolved socket address, so resolution happens when connecting, not when loading. */
  public InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
