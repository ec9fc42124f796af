package io.wasmgate.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge: the scheme ({@code basic} or {@code bearer}, lower case) and its parameters
 * (realm, service, scope...) in whatever order the registry sent them.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

  static AuthChallenge parse(String header) throws OciException {
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = eq + 1;
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      params.put(name, value.toString().strip());
    }
    if (scheme.equals("bearer") && !params.containsKey("realm")) {
      throw new OciException("registry sent a Bearer challenge without a realm: " + header);
    }
    return new AuthChallenge(scheme, params);
  }

  String param(String name) {
    return params.get(name);
  }
}
