package io.wasmgate.host;

import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proxy-Wasm shared queues: gateway-wide, named per vm_id, identified by a u32 id that is never 0.
 * As in Envoy, registering an existing name returns its id and makes the caller the queue's
 * listener (the last registrant is notified of each enqueue). Thread-safe; unbounded.
 */
public final class SharedQueues {
  /** Told that an item was enqueued; must not run guest code on the caller's thread. */
  @FunctionalInterface
  public interface Listener {
    void queueReady(int queueId);
  }

  /** What a dequeue found: an item, or none because the queue is empty or does not exist. */
  public sealed interface Dequeued {}

  public record Item(byte[] data) implements Dequeued {}

  public enum Missing implements Dequeued {
    EMPTY,
    NO_SUCH_QUEUE
  }

  private record Name(String vmId, String name) {}

  private static final class SharedQueue {
    final Queue<byte[]> items = new ConcurrentLinkedQueue<>();
    volatile Listener listener;
  }

  private final Map<Name, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, SharedQueue> queues = new ConcurrentHashMap<>();
  private final AtomicInteger lastId = new AtomicInteger();

  /** Creates or opens the queue {@code name} of {@code vmId}; {@code listener} hears its enqueues. */
  public int register(String vmId, String name, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    int id = ids.computeIfAbsent(new Name(vmId, name), n -> {
      int fresh = lastId.incrementAndGet();
      queues.put(fresh, new SharedQueue());
      return fresh;
    });
    queues.get(id).listener = listener;
    return id;
  }

  /** The id of the queue {@code name} of {@code vmId}, or 0 when nobody registered it. */
  public int resolve(String vmId, String name) {
    return ids.getOrDefault(new Name(vmId, name), 0);
  }

  /** Appends an item and notifies the listener; false when there is no such queue. */
  public boolean enqueue(int queueId, byte[] data) {
    SharedQueue queue = queues.get(queueId);
    if (queue == null) {
      return false;
    }
    queue.items.add(data.clone());
    Listener listener = queue.listener;
    if (listener != null) {
      listener.queueReady(queueId);
    }
    return true;
  }

  public Dequeued dequeue(int queueId) {
    SharedQueue queue = queues.get(queueId);
    if (queue == null) {
      return Missing.NO_SUCH_QUEUE;
    }
    byte[] item = queue.items.poll();
    return item == null ? Missing.EMPTY : new Item(item);
  }

  /** Stops notifying {@code listener} (its VM closed); queues and their items stay. */
  public void unregister(Listener listener) {
    for (SharedQueue queue : queues.values()) {
      if (queue.listener == listener) {
        queue.listener = null;
      }
    }
  }
}
