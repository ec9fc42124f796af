package io.wasmgate.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Proxy-Wasm header-pair wire format: little-endian u32 count, then count pairs of u32 key and
 * value lengths, then each key and value as bytes followed by a NUL.
 */
public final class HeaderPairs {
  private HeaderPairs() {}

  public static byte[] encode(List<Map.Entry<String, String>> pairs) {
    List<byte[]> parts = new ArrayList<>(pairs.size() * 2);
    int size = 4;
    for (Map.Entry<String, String> pair : pairs) {
      byte[] key = pair.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = pair.getValue().getBytes(StandardCharsets.UTF_8);
      parts.add(key);
      parts.add(value);
      size += 8 + key.length + value.length + 2;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(pairs.size());
    for (byte[] part : parts) {
      out.putInt(part.length);
    }
    for (byte[] part : parts) {
      out.put(part).put((byte) 0);
    }
    return out.array();
  }

  /**
   * Decodes a serialized map. An empty array (or a lone NUL, as some SDKs send) is the empty map.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static List<Map.Entry<String, String>> decode(byte[] data) {
    if (data.length == 0 || (data.length == 1 && data[0] == 0)) {
      return List.of();
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long count = readLength(in, "pair count");
    if (count * 8 > in.remaining()) {
      throw new IllegalArgumentException(
          "header pairs: count " + count + " needs more than the " + data.length + " bytes given");
    }
    int[] lengths = new int[(int) count * 2];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = (int) readLength(in, "length");
    }
    List<Map.Entry<String, String>> pairs = new ArrayList<>((int) count);
    for (int i = 0; i < lengths.length; i += 2) {
      String key = readTerminated(in, lengths[i]);
      String value = readTerminated(in, lengths[i + 1]);
      pairs.add(Map.entry(key, value));
    }
    return pairs;
  }

  private static long readLength(ByteBuffer in, String what) {
    if (in.remaining() < 4) {
      throw new IllegalArgumentException("header pairs: truncated " + what);
    }
    return Integer.toUnsignedLong(in.getInt());
  }

  private static String readTerminated(ByteBuffer in, int length) {
    if (length < 0 || in.remaining() < length + 1) {
      throw new IllegalArgumentException(
          "header pairs: entry of " + length + " bytes overruns the buffer");
    }
    String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    if (in.get() != 0) {
      throw new IllegalArgumentException("header pairs: entry not NUL-terminated");
    }
    return text;
  }
}
