package io.wasmgate.proxy.stream;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Version-4 UUIDs for x-request-id from ThreadLocalRandom: unique enough, and never contended. */
final class RequestIds {
  private RequestIds() {}

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
