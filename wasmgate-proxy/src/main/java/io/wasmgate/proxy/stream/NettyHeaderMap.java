package io.wasmgate.proxy.stream;

import io.netty.handler.codec.http.HttpHeaders;
import io.wasmgate.host.HeaderMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link HeaderMap} view over a Netty message: regular headers live in the message's
 * {@link HttpHeaders} (no copy), pseudo-headers map onto the message's start line.
 */
abstract class NettyHeaderMap implements HeaderMap {
  private final HttpHeaders headers;

  NettyHeaderMap(HttpHeaders headers) {
    this.headers = headers;
  }

  /** The underlying message headers (or trailers). */
  HttpHeaders headers() {
    return headers;
  }

  /** The pseudo-header's value, or null when {@code key} is not one of ours. */
  abstract String pseudo(String key);

  /** Sets a pseudo-header; false when {@code key} is not one of ours. */
  abstract boolean setPseudo(String key, String value);

  abstract void addPseudoEntries(List<Map.Entry<String, String>> out);

  /** How many entries {@link #addPseudoEntries} adds. */
  abstract int pseudoCount();

  /** A regular header that a pseudo-header stands for in entries(), hidden from the list. */
  String shadowedHeader() {
    return null;
  }

  /** Called after every change, so dependents (the route cache) can refresh. */
  void changed() {}

  @Override
  public List<Map.Entry<String, String>> entries() {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size() + 4);
    addPseudoEntries(out);
    String shadowed = shadowedHeader();
    for (Map.Entry<String, String> e : headers) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals(shadowed)) {
        out.add(Map.entry(name, e.getValue()));
      }
    }
    return out;
  }

  @Override
  public int size() {
    String shadowed = shadowedHeader();
    int hidden = shadowed == null || !headers.contains(shadowed) ? 0 : headers.getAll(shadowed).size();
    return pseudoCount() + headers.size() - hidden;
  }

  @Override
  public String get(String key) {
    if (isPseudo(key)) {
      return pseudo(key);
    }
    List<String> values = headers.getAll(key);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  @Override
  public void add(String key, String value) {
    if (isPseudo(key)) {
      setPseudo(key, value);
    } else {
      headers.add(key, value);
    }
    changed();
  }

  @Override
  public void replace(String key, String value) {
    if (isPseudo(key)) {
      setPseudo(key, value);
    } else {
      headers.set(key, value);
    }
    changed();
  }

  @Override
  public void remove(String key) {
    // Pseudo-headers cannot be removed from an HTTP/1 start line; Envoy would fail the stream.
    if (!isPseudo(key)) {
      headers.remove(key);
      changed();
    }
  }

  @Override
  public void setAll(List<Map.Entry<String, String>> entries) {
    headers.clear();
    for (Map.Entry<String, String> e : entries) {
      if (isPseudo(e.getKey())) {
        setPseudo(e.getKey(), e.getValue());
      } else {
        headers.add(e.getKey(), e.getValue());
      }
    }
    changed();
  }

  private static boolean isPseudo(String key) {
    return !key.isEmpty() && key.charAt(0) == ':';
  }
}
