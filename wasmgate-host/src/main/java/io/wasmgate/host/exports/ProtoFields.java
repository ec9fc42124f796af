package io.wasmgate.host.exports;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of a flat protobuf message (varints and length-delimited values), enough to read the
 * argument messages of Envoy's foreign functions. The last occurrence of a field wins.
 */
final class ProtoFields {
  private final Map<Integer, Long> varints = new HashMap<>();
  private final Map<Integer, byte[]> bytes = new HashMap<>();

  private ProtoFields() {}

  /** @throws IllegalArgumentException when {@code message} is not a well-formed flat message */
  static ProtoFields parse(byte[] message) {
    ProtoFields fields = new ProtoFields();
    int[] pos = {0};
    while (pos[0] < message.length) {
      long tag = varint(message, pos);
      int field = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> fields.varints.put(field, varint(message, pos));
        case 2 -> {
          long length = varint(message, pos);
          if (length > message.length - pos[0]) {
            throw new IllegalArgumentException("field " + field + " runs past the message end");
          }
          byte[] value = new byte[(int) length];
          System.arraycopy(message, pos[0], value, 0, value.length);
          pos[0] += value.length;
          fields.bytes.put(field, value);
        }
        default -> throw new IllegalArgumentException("unsupported wire type in field " + field);
      }
    }
    return fields;
  }

  String string(int field) {
    byte[] value = bytes.get(field);
    return value == null ? "" : new String(value, StandardCharsets.UTF_8);
  }

  /** A length-delimited field's raw bytes (an embedded message), or null when absent. */
  byte[] bytes(int field) {
    return bytes.get(field);
  }

  long varint(int field) {
    return varints.getOrDefault(field, 0L);
  }

  private static long varint(byte[] message, int[] pos) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= message.length) {
        throw new IllegalArgumentException("truncated varint");
      }
      byte b = message[pos[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }
}
