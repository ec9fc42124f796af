package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wasmgate.host.BodyBuffer;

/**
 * The body bytes a body callback sees: the current chunk, or everything held since the filter
 * paused. Reads copy out; a write builds a replacement buffer and releases the old one.
 */
final class ChunkBodyBuffer implements BodyBuffer {
  private static final byte[] EMPTY = new byte[0];
  private ByteBuf data;
  private boolean changed;

  void set(ByteBuf buf) {
    data = buf;
    changed = false;
  }

  /** True when a write replaced bytes since {@link #set}. */
  boolean changed() {
    return changed;
  }

  /** The (possibly replaced) buffer; ownership goes back to the caller. */
  ByteBuf take() {
    ByteBuf b = data;
    data = null;
    return b;
  }

  @Override
  public int size() {
    return data == null ? 0 : data.readableBytes();
  }

  @Override
  public byte[] read(int start, int maxSize) {
    int size = size();
    if (start < 0 || maxSize <= 0 || start >= size) {
      return EMPTY;
    }
    byte[] out = new byte[Math.min(maxSize, size - start)];
    data.getBytes(data.readerIndex() + start, out);
    return out;
  }

  @Override
  public boolean write(int start, int length, byte[] bytes) {
    if (data == null || start < 0 || length < 0) {
      return false;
    }
    int size = data.readableBytes();
    int from = Math.min(start, size);
    int to = start >= size ? size : Math.min(size, start + length);
    // start=0,length=0 prepends; start >= size appends; otherwise [start, start+length) is replaced.
    ByteBuf replacement = Unpooled.buffer(from + bytes.length + (size - to));
    replacement.writeBytes(data, data.readerIndex(), from);
    replacement.writeBytes(bytes);
    replacement.writeBytes(data, data.readerIndex() + to, size - to);
    data.release();
    data = replacement;
    changed = true;
    return true;
  }
}
