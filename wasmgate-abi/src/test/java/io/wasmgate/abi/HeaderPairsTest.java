package io.wasmgate.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderPairsTest {

  @Test
  void encodesCountLengthsThenNulTerminatedBytes() {
    byte[] wire = HeaderPairs.encode(List.of(Map.entry("a", "bc")));

    assertThat(wire)
        .containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 'a', 0, 'b', 'c', 0);
  }

  @Test
  void roundTripsRepeatedKeysInOrder() {
    List<Map.Entry<String, String>> pairs =
        List.of(
            Map.entry(":path", "/x"), Map.entry("set-cookie", "a=1"), Map.entry("set-cookie", ""));

    assertThat(HeaderPairs.decode(HeaderPairs.encode(pairs))).isEqualTo(pairs);
  }

  @Test
  void emptyInputsAreTheEmptyMap() {
    assertThat(HeaderPairs.decode(new byte[0])).isEmpty();
    assertThat(HeaderPairs.decode(new byte[] {0})).isEmpty();
    assertThat(HeaderPairs.decode(HeaderPairs.encode(List.of()))).isEmpty();
  }

  @Test
  void rejectsACountLargerThanTheBuffer() {
    assertThatThrownBy(() -> HeaderPairs.decode(new byte[] {(byte) 0xff, 0, 0, 0, 1, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count 255");
  }

  @Test
  void rejectsAnEntryWithoutItsNul() {
    byte[] wire = HeaderPairs.encode(List.of(Map.entry("k", "v")));
    wire[wire.length - 1] = 'x';

    assertThatThrownBy(() -> HeaderPairs.decode(wire)).hasMessageContaining("NUL-terminated");
  }

  @Test
  void rejectsALengthThatOverrunsTheBuffer() {
    byte[] wire = HeaderPairs.encode(List.of(Map.entry("k", "v")));
    wire[8] = 100;

    assertThatThrownBy(() -> HeaderPairs.decode(wire)).hasMessageContaining("overruns");
  }
}
