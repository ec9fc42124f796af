package io.wasmgate.host.exports;

import io.wasmgate.host.BodyBuffer;
import io.wasmgate.host.GrpcCallDispatcher;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.host.ListHeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One VM's gRPC callouts: their tokens (odd for calls, even for streams, as Envoy numbers them),
 * and what is readable while a gRPC callback runs on the root context: the received metadata, the
 * message, and the status proxy_get_status reports during proxy_on_grpc_close. Closing it (the VM
 * closes) cancels every callout still open, as Envoy does when a context goes away.
 *
 * <p>Callouts open and answer on the VM's worker. {@link #close} may come from another thread, but
 * never while the guest runs (the VM's streams have ended, its root callbacks hold its lock); it
 * may overlap a listener event, hence the concurrent map: a listener finding its token gone
 * delivers nothing.
 */
final class GrpcCallState implements AutoCloseable {
  /** gRPC INTERNAL: a unary call that ended OK without a message (Envoy reports the same). */
  private static final int INTERNAL = 13;

  /** An open callout; {@code stream} is null until the dispatcher opened it. */
  private static final class Callout {
    /** Volatile: set on the worker, read by a close() that may run on another thread. */
    volatile GrpcCallDispatcher.Stream stream;
    boolean localClosed;
    boolean remoteClosed;
  }

  private final Map<Integer, Callout> open = new ConcurrentHashMap<>();
  /** The VM's worker, where the dispatcher's streams must be used; null without one. */
  private final Executor worker;
  private int nextToken = 1;
  private HeaderMap initialMetadata;
  private HeaderMap trailingMetadata;
  private BodyBuffer message;
  private Integer closeStatus;
  private byte[] closeMessage = new byte[0];

  GrpcCallState(Executor worker) {
    this.worker = worker;
  }

  static boolean isCall(int token) {
    return (token & 1) == 1;
  }

  /** Reserves a token of the right parity that is not in use. */
  int reserve(boolean call) {
    int token;
    do {
      token = nextToken++;
      if (nextToken <= 0) {
        nextToken = 1;
      }
    } while (token == 0 || isCall(token) != call || open.containsKey(token));
    open.put(token, new Callout());
    return token;
  }

  /** Records the opened stream, or forgets the token when the dispatcher could not open one. */
  void opened(int token, GrpcCallDispatcher.Stream stream) {
    if (stream == null) {
      open.remove(token);
    } else {
      open.get(token).stream = stream;
    }
  }

  GrpcCallDispatcher.Stream stream(int token) {
    Callout c = open.get(token);
    return c == null ? null : c.stream;
  }

  /** proxy_grpc_cancel, and proxy_grpc_close of a unary call: reset, and hear nothing more. */
  boolean cancel(int token) {
    Callout c = open.remove(token);
    if (c == null) {
      return false;
    }
    c.stream.cancel();
    return true;
  }

  /** proxy_grpc_close of a stream: half-close; the rest of the answer is still delivered. */
  boolean closeStream(int token) {
    Callout c = open.get(token);
    if (c == null) {
      return false;
    }
    c.stream.close();
    if (c.remoteClosed) {
      open.remove(token);
    } else {
      c.localClosed = true;
    }
    return true;
  }

  /**
   * Forgets every open callout at once, so that no later event reaches the guest, and resets them
   * on the worker, since the dispatcher's streams are single-threaded. A VM without a worker (no
   * data plane) resets them here.
   */
  @Override
  public void close() {
    List<GrpcCallDispatcher.Stream> streams = new ArrayList<>();
    for (Integer token : open.keySet()) {
      Callout c = open.remove(token);
      if (c != null && c.stream != null) {
        streams.add(c.stream);
      }
    }
    if (streams.isEmpty()) {
      return;
    }
    Runnable cancelAll = () -> streams.forEach(GrpcCallDispatcher.Stream::cancel);
    if (worker == null) {
      cancelAll.run();
      return;
    }
    try {
      worker.execute(cancelAll);
    } catch (RejectedExecutionException stopped) {
      // The worker has shut down, and its connections, with these streams on them, with it.
    }
  }

  /** The listener for a unary call: one message then OK is a response, anything else a failure. */
  GrpcCallDispatcher.Listener unaryListener(VmState vm, int token) {
    return new GrpcCallDispatcher.Listener() {
      private byte[] response;

      @Override
      public void onInitialMetadata(List<Map.Entry<String, String>> metadata) {}

      @Override
      public void onMessage(byte[] bytes) {
        response = bytes;
      }

      @Override
      public void onTrailingMetadata(List<Map.Entry<String, String>> metadata) {}

      @Override
      public void onClose(int status, String text) {
        if (open.remove(token) == null) {
          return;
        }
        if (status == 0 && response != null) {
          deliverMessage(vm, token, response);
        } else {
          deliverClose(vm, token, status == 0 ? INTERNAL : status, status == 0 ? "" : text);
        }
      }
    };
  }

  /** The listener for a stream: every event goes to the plugin while the stream is open. */
  GrpcCallDispatcher.Listener streamListener(VmState vm, int token) {
    return new GrpcCallDispatcher.Listener() {
      @Override
      public void onInitialMetadata(List<Map.Entry<String, String>> metadata) {
        if (open.containsKey(token)) {
          initialMetadata = new ListHeaderMap(metadata);
          try {
            vm.callRootContext("proxy_on_grpc_receive_initial_metadata", token, metadata.size());
          } finally {
            initialMetadata = null;
          }
        }
      }

      @Override
      public void onMessage(byte[] bytes) {
        if (open.containsKey(token)) {
          deliverMessage(vm, token, bytes);
        }
      }

      @Override
      public void onTrailingMetadata(List<Map.Entry<String, String>> metadata) {
        if (open.containsKey(token)) {
          trailingMetadata = new ListHeaderMap(metadata);
          try {
            vm.callRootContext("proxy_on_grpc_receive_trailing_metadata", token, metadata.size());
          } finally {
            trailingMetadata = null;
          }
        }
      }

      @Override
      public void onClose(int status, String text) {
        Callout c = open.get(token);
        if (c == null) {
          return;
        }
        c.remoteClosed = true;
        if (c.localClosed) {
          open.remove(token);
        }
        deliverClose(vm, token, status, text);
      }
    };
  }

  private void deliverMessage(VmState vm, int token, byte[] bytes) {
    message = new ConfigurationBuffer(bytes);
    try {
      vm.callRootContext("proxy_on_grpc_receive", token, bytes.length);
    } finally {
      message = null;
    }
  }

  private void deliverClose(VmState vm, int token, int status, String text) {
    closeStatus = status;
    closeMessage = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    try {
      vm.callRootContext("proxy_on_grpc_close", token, status);
    } finally {
      closeStatus = null;
      closeMessage = new byte[0];
    }
  }

  HeaderMap initialMetadata() {
    return initialMetadata;
  }

  HeaderMap trailingMetadata() {
    return trailingMetadata;
  }

  BodyBuffer message() {
    return message;
  }

  /** The gRPC status while proxy_on_grpc_close runs, else null. */
  Integer closeStatus() {
    return closeStatus;
  }

  byte[] closeMessage() {
    return closeMessage;
  }
}
