package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * A module's data section rewritten as the few segments of the memory image it produces. Go
 * modules carry tens of thousands of tiny active segments (32,074 for the tutorial plugin); Chicory
 * decodes each one on every parse and evaluates its offset on every instantiation, which dominates
 * a cached start. Writing the same bytes as a handful of segments is equivalent when
 *
 * <ul>
 *   <li>the module defines its one memory (a fresh memory is all zeroes, so zero bytes need no
 *       segment; an imported memory would not be),
 *   <li>every segment is active on memory 0 at an {@code i32.const} offset and fits the initial
 *       memory (otherwise instantiation must fail exactly as written),
 *   <li>no code names a segment ({@code memory.init}, {@code data.drop}), so renumbering them is
 *       invisible.
 * </ul>
 */
final class DataImage {
  private static final long PAGE = 65_536;
  /** Zero runs at least this long split a segment; shorter ones are cheaper to copy. */
  private static final int MIN_GAP = 4_096;
  /** Larger images are left alone rather than held in one array while compiling. */
  private static final long MAX_EXTENT = 64L << 20;

  private DataImage() {}

  /** The contents of an equivalent, coalesced data section, or empty when not provably equal. */
  static Optional<byte[]> coalesce(WasmModule module) {
    DataSegment[] segments = module.dataSection().dataSegments();
    if (segments.length < 2
        || !definesOneMemory(module)
        || module.codeSection().isRequiresDataCount()) {
      return Optional.empty();
    }
    long memoryBytes = module.memorySection().get().getMemory(0).limits().initialPages() * PAGE;
    long low = Long.MAX_VALUE;
    long high = 0;
    for (DataSegment segment : segments) {
      long offset = constantOffset(segment);
      int length = segment.data().length;
      if (offset < 0 || offset + length > memoryBytes) {
        return Optional.empty();
      }
      if (length > 0) {
        low = Math.min(low, offset);
        high = Math.max(high, offset + length);
      }
    }
    if (high == 0 || high - low > MAX_EXTENT) {
      return Optional.empty();
    }
    byte[] image = new byte[(int) (high - low)];
    for (DataSegment segment : segments) {
      byte[] data = segment.data();
      System.arraycopy(data, 0, image, (int) (constantOffset(segment) - low), data.length);
    }
    return Optional.of(encode(image, (int) low));
  }

  private static boolean definesOneMemory(WasmModule module) {
    for (int i = 0; i < module.importSection().importCount(); i++) {
      if (module.importSection().getImport(i).importType() == ExternalType.MEMORY) {
        return false;
      }
    }
    return module.memorySection().map(memories -> memories.memoryCount() == 1).orElse(false);
  }

  /** The segment's offset in memory 0, or -1 when it is anything but that. */
  private static long constantOffset(DataSegment segment) {
    if (!(segment instanceof ActiveDataSegment active)
        || active.index() != 0
        || active.offsetInstructions().size() != 1) {
      return -1;
    }
    Instruction offset = active.offsetInstructions().get(0);
    return offset.opcode() == OpCode.I32_CONST ? (int) offset.operand(0) : -1;
  }

  /** The image's non-zero runs as active segments: count, then (0, i32.const at, end, bytes). */
  private static byte[] encode(byte[] image, int base) {
    ByteArrayOutputStream runs = new ByteArrayOutputStream();
    int count = 0;
    int at = nextNonZero(image, 0);
    while (at < image.length) {
      int end = runEnd(image, at);
      runs.write(0);
      runs.write(OpCode.I32_CONST.opcode());
      WasmBinary.writeS32(runs, base + at);
      runs.write(OpCode.END.opcode());
      WasmBinary.writeU32(runs, end - at);
      runs.write(image, at, end - at);
      count++;
      at = nextNonZero(image, end);
    }
    ByteArrayOutputStream section = new ByteArrayOutputStream(runs.size() + 5);
    WasmBinary.writeU32(section, count);
    section.writeBytes(runs.toByteArray());
    return section.toByteArray();
  }

  /** Where the run from {@code from} ends: at a gap of MIN_GAP zeroes, or the image's end. */
  private static int runEnd(byte[] image, int from) {
    int lastNonZero = from;
    for (int i = from; i < image.length && i - lastNonZero <= MIN_GAP; i++) {
      if (image[i] != 0) {
        lastNonZero = i;
      }
    }
    return lastNonZero + 1;
  }

  private static int nextNonZero(byte[] image, int from) {
    int i = from;
    while (i < image.length && image[i] == 0) {
      i++;
    }
    return i;
  }
}
