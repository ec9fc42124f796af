package io.wasmgate.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * gRPC callouts (proxy_grpc_call, proxy_grpc_stream) to the gateway's configured clusters,
 * implemented by the data plane. The host sees one bidirectional gRPC stream per callout; a unary
 * call is a stream with one message sent with end of stream. Every {@link Listener} method runs on
 * the calling worker's thread, never inside a method of this interface or of {@link Stream}.
 */
public interface GrpcCallDispatcher {
  /**
   * @param cluster a configured cluster (see {@link #hasCluster})
   * @param authority the :authority sent (Envoy sends the cluster name unless the GrpcService
   *     proto names one)
   * @param service the fully qualified service name, e.g. "grpc.health.v1.Health"
   * @param initialMetadata request metadata, lower-case keys, no pseudo-headers
   * @param timeout the whole call's deadline (sent as grpc-timeout), null for none
   */
  record Request(
      String cluster,
      String authority,
      String service,
      String method,
      List<Map.Entry<String, String>> initialMetadata,
      Duration timeout) {
    public Request {
      initialMetadata = List.copyOf(initialMetadata);
    }
  }

  /** What the upstream answered, in order: initial metadata, messages, trailing metadata, close. */
  interface Listener {
    /** Response headers (empty for a trailers-only response). */
    void onInitialMetadata(List<Map.Entry<String, String>> metadata);

    /** One message, without its 5-byte gRPC frame header. */
    void onMessage(byte[] message);

    void onTrailingMetadata(List<Map.Entry<String, String>> metadata);

    /**
     * The end, exactly once unless the stream was cancelled: the grpc-status (0 = OK) and
     * grpc-message, or the status a failure maps to (14 UNAVAILABLE when no connection could be
     * made, 4 DEADLINE_EXCEEDED on timeout, 13 INTERNAL on a reset or malformed frame).
     */
    void onClose(int status, String message);
  }

  /** The caller's side of an open callout; used on the worker's thread only. */
  interface Stream {
    /** Sends one message (framed by the data plane); ignored once the stream ended. */
    void send(byte[] message, boolean endOfStream);

    /** Half-closes: no more messages from this side; the answer still arrives. */
    void close();

    /** Resets the stream; the listener hears nothing more. */
    void cancel();
  }

  /** Whether {@code cluster} names a configured cluster (else the call is a BAD_ARGUMENT). */
  boolean hasCluster(String cluster);

  /**
   * Opens a callout on the calling worker. Null when the gateway cannot make one now (called off a
   * worker thread, or stopped); proxy_grpc_* then answers INTERNAL_FAILURE.
   */
  Stream open(Request request, Listener listener);
}
