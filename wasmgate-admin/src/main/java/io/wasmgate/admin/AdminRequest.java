package io.wasmgate.admin;

import java.util.List;
import java.util.Map;

/**
 * One admin request, decoded.
 *
 * @param params query parameters in request order
 * @param body the request body as UTF-8 text, empty when none
 */
public record AdminRequest(String method, String path, Map<String, List<String>> params, String body) {

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
