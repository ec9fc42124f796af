package io.wasmgate.httpbin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void indentsLikeHttpbin() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("args", Map.of());
    value.put("list", List.of(1, "two"));
    value.put("none", null);
    value.put("empty", List.of());

    assertThat(JsonText.render(value)).isEqualTo("""
        {
          "args": {},
          "list": [
            1,
            "two"
          ],
          "none": null,
          "empty": []
        }
        """);
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonText.render(Arrays.asList("a\"b\\c\n\u0001")))
        .isEqualTo("[\n  \"a\\\"b\\\\c\\n\\u0001\"\n]\n");
  }
}
