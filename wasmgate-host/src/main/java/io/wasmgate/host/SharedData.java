package io.wasmgate.host;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proxy-Wasm shared data: one gateway-wide store, keyed by vm_id then key, read and written by
 * every worker's VMs. Each write assigns a new cas (a u32 that is never 0); a write naming a cas
 * other than the current one is refused, cas 0 writes unconditionally. Thread-safe.
 */
public final class SharedData {
  /** A stored value and the cas of the write that stored it. */
  public record Entry(byte[] value, int cas) {}

  private final Map<String, Map<String, Entry>> byVmId = new ConcurrentHashMap<>();
  private int lastCas;

  /** The entry under (vmId, key), or null when there is none. */
  public Entry get(String vmId, String key) {
    Map<String, Entry> entries = byVmId.get(vmId);
    return entries == null ? null : entries.get(key);
  }

  /**
   * Stores {@code value} unless {@code cas} is non-zero and differs from the current entry's (a
   * missing key accepts any cas, as Envoy does).
   *
   * @return false on a cas mismatch (nothing stored)
   */
  public boolean set(String vmId, String key, byte[] value, int cas) {
    Objects.requireNonNull(value, "value");
    Map<String, Entry> entries = byVmId.computeIfAbsent(vmId, id -> new ConcurrentHashMap<>());
    boolean[] stored = {false};
    entries.compute(key, (k, current) -> {
      if (current != null && cas != 0 && cas != current.cas()) {
        return current;
      }
      stored[0] = true;
      return new Entry(value.clone(), nextCas());
    });
    return stored[0];
  }

  private synchronized int nextCas() {
    lastCas++;
    if (lastCas == 0) {
      lastCas = 1; // u32 wrap-around: 0 means "unconditional" and is never handed out
    }
    return lastCas;
  }
}
