package io.wasmgate.proxy.upstream;

import io.netty.handler.codec.http.HttpObject;

/** What an upstream connection reports to the stream currently using it (on the worker's loop). */
public interface UpstreamListener {
  void onUpstreamObject(HttpObject msg);

  /** A read burst ended: a good moment to flush what was written downstream. */
  void onUpstreamReadComplete();

  void onUpstreamWritabilityChanged(boolean writable);

  /** The connection closed (or failed) while this listener owned it. */
  void onUpstreamClosed(Throwable cause);
}
