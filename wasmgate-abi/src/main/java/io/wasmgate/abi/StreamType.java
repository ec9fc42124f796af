package io.wasmgate.abi;

/** proxy_stream_type_t. */
public enum StreamType {
  HTTP_REQUEST,
  HTTP_RESPONSE,
  DOWNSTREAM,
  UPSTREAM;

  public static StreamType of(int code) {
    StreamType[] all = values();
    return code >= 0 && code < all.length ? all[code] : null;
  }
}
