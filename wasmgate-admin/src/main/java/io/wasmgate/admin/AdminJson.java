package io.wasmgate.admin;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The admin's JSON writer: pretty-printed, as Envoy's admin prints JSON. */
final class AdminJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private AdminJson() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value) + "\n";
  }
}
