package io.wasmgate.proxy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Envoy's set_buffer_bytes semantics over a Netty buffer. */
class ChunkBodyBufferTest {
  private final ChunkBodyBuffer buffer = new ChunkBodyBuffer();

  private String after(String initial, int start, int length, String data) {
    buffer.set(Unpooled.copiedBuffer(initial, StandardCharsets.UTF_8));
    assertThat(buffer.write(start, length, data.getBytes(StandardCharsets.UTF_8))).isTrue();
    ByteBuf b = buffer.take();
    String s = b.toString(StandardCharsets.UTF_8);
    b.release();
    return s;
  }

  @Test
  void writes() {
    assertThat(after("body", 0, 0, ">")).isEqualTo(">body");
    assertThat(after("body", 4, 0, "<")).isEqualTo("body<");
    assertThat(after("body", 99, 5, "<")).isEqualTo("body<");
    assertThat(after("body", 1, 2, "OO")).isEqualTo("bOOy");
    assertThat(after("body", 0, 4, "")).isEmpty();
    assertThat(after("body", 2, 100, "X")).isEqualTo("boX");
  }

  @Test
  void reads() {
    buffer.set(Unpooled.copiedBuffer("abcdef", StandardCharsets.UTF_8).skipBytes(1));

    assertThat(buffer.size()).isEqualTo(5);
    assertThat(new String(buffer.read(1, 2), StandardCharsets.UTF_8)).isEqualTo("cd");
    assertThat(new String(buffer.read(3, 100), StandardCharsets.UTF_8)).isEqualTo("ef");
    assertThat(buffer.read(5, 1)).isEmpty();
    buffer.take().release();
  }
}
