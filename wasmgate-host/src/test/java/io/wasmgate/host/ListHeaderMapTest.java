package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListHeaderMapTest {

  @Test
  void keysAreLowerCaseAndLookupsCaseInsensitive() {
    ListHeaderMap map = ListHeaderMap.of("Content-Type", "text/plain", "X-A", "1");

    assertThat(map.entries())
        .containsExactly(Map.entry("content-type", "text/plain"), Map.entry("x-a", "1"));
    assertThat(map.get("CONTENT-TYPE")).isEqualTo("text/plain");
    assertThat(map.get("absent")).isNull();
  }

  @Test
  void repeatedKeysJoinWithCommas() {
    ListHeaderMap map = ListHeaderMap.of("accept", "a", "x", "1", "Accept", "b");

    assertThat(map.get("accept")).isEqualTo("a,b");
    assertThat(map.size()).isEqualTo(3);
  }

  @Test
  void replaceKeepsTheFirstPositionAndDropsTheRest() {
    ListHeaderMap map = ListHeaderMap.of("a", "1", "b", "2", "a", "3");

    map.replace("A", "new");

    assertThat(map.entries()).containsExactly(Map.entry("a", "new"), Map.entry("b", "2"));
    map.replace("c", "added");
    assertThat(map.entries()).last().isEqualTo(Map.entry("c", "added"));
  }

  @Test
  void removeAndSetAll() {
    ListHeaderMap map = ListHeaderMap.of("a", "1", "b", "2", "A", "3");

    map.remove("a");
    assertThat(map.entries()).containsExactly(Map.entry("b", "2"));
    map.setAll(List.of(Map.entry("X-Y", "z")));
    assertThat(map.entries()).containsExactly(Map.entry("x-y", "z"));
  }

  @Test
  void ofNeedsPairs() {
    assertThatThrownBy(() -> ListHeaderMap.of("a")).isInstanceOf(IllegalArgumentException.class);
  }
}
