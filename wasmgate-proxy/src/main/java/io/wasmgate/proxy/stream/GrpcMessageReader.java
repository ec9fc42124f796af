package io.wasmgate.proxy.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * gRPC's length-prefixed message framing: a flag byte (0 = uncompressed), a 4-byte big-endian
 * length, then the message. The reader reassembles messages split across DATA frames.
 */
final class GrpcMessageReader {
  private static final int HEADER = 5;
  /** gRPC's default maximum receive size; a larger length prefix is treated as malformed. */
  private static final int MAX_MESSAGE = 4 * 1024 * 1024;

  private final CompositeByteBuf buffered = Unpooled.compositeBuffer(Integer.MAX_VALUE);

  /** Frames one message for sending. */
  static ByteBuf frame(byte[] message) {
    ByteBuf out = Unpooled.buffer(HEADER + message.length);
    out.writeByte(0);
    out.writeInt(message.length);
    out.writeBytes(message);
    return out;
  }

  /**
   * Adds {@code content} (retained while buffered) and returns every message now
   * complete.
   *
   * @throws IllegalArgumentException for a compressed message (none was negotiated) or a length
   *     over the limit
   */
  List<byte[]> read(ByteBuf content) {
    buffered.addComponent(true, content.retain());
    List<byte[]> messages = new ArrayList<>();
    while (buffered.readableBytes() >= HEADER) {
      int start = buffered.readerIndex();
      byte flags = buffered.getByte(start);
      long length = buffered.getUnsignedInt(start + 1);
      if (flags != 0) {
        throw new IllegalArgumentException("compressed gRPC message (none was negotiated)");
      }
      if (length > MAX_MESSAGE) {
        throw new IllegalArgumentException("gRPC message of " + length + " bytes is over the limit");
      }
      if (buffered.readableBytes() < HEADER + length) {
        break;
      }
      buffered.skipBytes(HEADER);
      byte[] message = new byte[(int) length];
      buffered.readBytes(message);
      messages.add(message);
    }
    buffered.discardReadComponents();
    return messages;
  }

  void release() {
    buffered.release();
  }
}
