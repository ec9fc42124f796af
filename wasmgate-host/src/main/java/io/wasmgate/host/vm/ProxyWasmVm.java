package io.wasmgate.host.vm;

import io.wasmgate.abi.AbiVersion;
import io.wasmgate.host.HostServices;
import io.wasmgate.host.HttpContext;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.PluginTrapException;
import io.wasmgate.host.PluginVm;
import io.wasmgate.host.SharedQueues;
import io.wasmgate.host.exports.VmState;
import io.wasmgate.runtime.WasmInstance;
import io.wasmgate.runtime.WasmTrapException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a plugin with its root context, as cpp-host's WasmBase: owns context ids, the
 * effective context host calls act on, and the failed state a trap leaves behind.
 */
final class ProxyWasmVm implements PluginVm, VmState {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyWasmVm.class);

  private final PluginSpec spec;
  private final HostServices services;
  private final AbiVersion abi;
  private final String allocator;
  private final Map<Integer, HttpStreamHost> streams = new HashMap<>();
  private final RootEvents rootEvents;
  /** Concurrent: close() may run on another thread than the worker that creates features. */
  private final Map<Class<?>, Object> features = new ConcurrentHashMap<>();
  private WasmInstance instance;
  private int nextContextId = 1;
  private int rootContextId;
  private int effectiveContextId;
  private String lastError;
  private boolean closed;

  ProxyWasmVm(PluginSpec spec, HostServices services, AbiVersion abi, String allocator) {
    this.spec = spec;
    this.services = services;
    this.abi = abi;
    this.allocator = allocator;
    this.rootEvents = new RootEvents(this, services.worker());
  }

  void attach(WasmInstance value) {
    instance = value;
  }

  int createRootContextId() {
    rootContextId = nextContextId++;
    return rootContextId;
  }

  int rootContextId() {
    return rootContextId;
  }

  /**
   * Calls a context's callback with that context effective.
   *
   * @return the results, or null when the module does not export the callback
   * @throws PluginTrapException when the guest traps; the VM is failed from then on
   */
  long[] callback(int contextId, String export, long... args) {
    requireUsable();
    if (!instance.hasExport(export)) {
      return null;
    }
    effectiveContextId = contextId;
    try {
      return instance.call(export, args);
    } catch (WasmTrapException e) {
      lastError = e.getMessage();
      // The caller handles the trap and logs it once, with its failStrategy's action.
      LOG.debug("plugin {} trapped: {}", spec.name(), lastError);
      throw new PluginTrapException("plugin " + spec.name() + ": " + lastError, e);
    }
  }

  private void requireUsable() {
    if (lastError != null) {
      throw new PluginTrapException(
          "plugin " + spec.name() + " VM failed earlier: " + lastError, null);
    }
    if (closed) {
      throw new IllegalStateException("plugin " + spec.name() + " VM is closed");
    }
  }

  @Override
  public HttpContext createHttpContext(HttpStreamHost stream) {
    Objects.requireNonNull(stream, "stream");
    requireUsable();
    int id = nextContextId++;
    streams.put(id, stream);
    try {
      callback(id, "proxy_on_context_create", id, rootContextId);
    } catch (RuntimeException e) {
      streams.remove(id);
      throw e;
    }
    return new StreamContext(this, id, abi == AbiVersion.V0_1_0);
  }

  /** proxy_on_delete for a stream context; never throws (a trap still fails the VM). */
  void deleteContext(int contextId) {
    try {
      if (lastError == null && !closed) {
        callback(contextId, "proxy_on_delete", contextId);
      }
    } catch (PluginTrapException e) {
      logUnhandledTrap(e); // close() promises not to throw
    } finally {
      streams.remove(contextId);
    }
  }

  @Override
  public PluginSpec spec() {
    return spec;
  }

  @Override
  public HostServices services() {
    return services;
  }

  @Override
  public AbiVersion abi() {
    return abi;
  }

  @Override
  public String allocator() {
    return allocator;
  }

  @Override
  public HttpStreamHost currentStream() {
    return streams.get(effectiveContextId);
  }

  @Override
  public boolean setEffectiveContext(int contextId) {
    if (contextId != rootContextId && !streams.containsKey(contextId)) {
      return false;
    }
    effectiveContextId = contextId;
    return true;
  }

  /** Locked like close(): an event from the worker never overlaps a close from another thread. */
  @Override
  public synchronized boolean callRootContext(String export, long... args) {
    if (lastError != null || closed) {
      return false;
    }
    try {
      long[] withRoot = new long[args.length + 1];
      withRoot[0] = rootContextId;
      System.arraycopy(args, 0, withRoot, 1, args.length);
      callback(rootContextId, export, withRoot);
      return true;
    } catch (PluginTrapException e) {
      logUnhandledTrap(e);
      return false; // recorded in lastError; the VM is failed
    }
  }

  @Override
  public <T> T feature(Class<T> type, Supplier<T> create) {
    return type.cast(features.computeIfAbsent(type, t -> create.get()));
  }

  @Override
  public boolean setTickPeriod(long periodMillis) {
    return rootEvents.setTickPeriod(periodMillis);
  }

  @Override
  public SharedQueues.Listener queueListener() {
    return rootEvents;
  }

  @Override
  public boolean isFailed() {
    return lastError != null;
  }

  @Override
  public String lastError() {
    return lastError;
  }

  @Override
  public long memoryBytes() {
    return instance.memory().sizeBytes();
  }

  /**
   * Lets the root context finish (proxy_on_done, proxy_on_delete) unless the VM failed, then closes
   * the features that hold resources (open callouts).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    rootEvents.cancel();
    if (services.sharedQueues() != null) {
      services.sharedQueues().unregister(rootEvents);
    }
    try {
      if (lastError == null) {
        callback(rootContextId, "proxy_on_done", rootContextId);
        callback(rootContextId, "proxy_on_delete", rootContextId);
      }
    } catch (PluginTrapException e) {
      logUnhandledTrap(e); // closing never throws
    } finally {
      closed = true;
      streams.clear();
      closeFeatures();
    }
  }

  private void closeFeatures() {
    for (Object feature : features.values()) {
      if (feature instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("plugin {}: closing {} failed", spec.name(), feature.getClass().getSimpleName(), e);
        }
      }
    }
  }

  /** A trap no caller sees (root context, delete, close): the host's log line is the only one. */
  private void logUnhandledTrap(PluginTrapException e) {
    LOG.error("{} (the VM is failed from now on)", e.getMessage());
  }
}
