package io.wasmgate.runtime.chicory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the wasm binary format to cut a module that Chicory has already parsed (and so
 * found well-formed) into sections, and to write sections back: LEB128 numbers and section frames.
 */
final class WasmBinary {
  static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private WasmBinary() {}

  /** A section's id and the byte range of its contents (after the id and size). */
  record Section(int id, int start, int end) {
    /** A custom section's name (the first field of its contents). */
    String customName(byte[] wasm) {
      Reader in = new Reader(wasm, start);
      int length = in.u32();
      return new String(wasm, in.position(), length, StandardCharsets.UTF_8);
    }
  }

  static List<Section> sections(byte[] wasm) {
    List<Section> sections = new ArrayList<>();
    Reader in = new Reader(wasm, HEADER.length);
    while (in.position() < wasm.length) {
      int id = in.u8();
      int size = in.u32();
      sections.add(new Section(id, in.position(), in.position() + size));
      in.skip(size);
    }
    return sections;
  }

  /** Appends a section: id, size, then the contents. */
  static void writeSection(ByteArrayOutputStream out, int id, byte[] contents, int from, int to) {
    out.write(id);
    writeU32(out, to - from);
    out.write(contents, from, to - from);
  }

  static void writeU32(ByteArrayOutputStream out, int value) {
    do {
      int low = value & 0x7f;
      value >>>= 7;
      out.write(value == 0 ? low : low | 0x80);
    } while (value != 0);
  }

  static void writeS32(ByteArrayOutputStream out, int value) {
    while (true) {
      int low = value & 0x7f;
      value >>= 7;
      boolean done = (value == 0 && (low & 0x40) == 0) || (value == -1 && (low & 0x40) != 0);
      out.write(done ? low : low | 0x80);
      if (done) {
        return;
      }
    }
  }

  /** A cursor over a binary. */
  static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    int position() {
      return position;
    }

    int u8() {
      return bytes[position++] & 0xff;
    }

    int u32() {
      int result = 0;
      for (int shift = 0; ; shift += 7) {
        int b = u8();
        result |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
    }

    void skip(int count) {
      position += count;
    }
  }
}
