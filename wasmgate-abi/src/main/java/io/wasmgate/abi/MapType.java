package io.wasmgate.abi;

/** proxy_map_type_t. */
public enum MapType {
  HTTP_REQUEST_HEADERS,
  HTTP_REQUEST_TRAILERS,
  HTTP_RESPONSE_HEADERS,
  HTTP_RESPONSE_TRAILERS,
  GRPC_CALL_INITIAL_METADATA,
  GRPC_CALL_TRAILING_METADATA,
  HTTP_CALL_RESPONSE_HEADERS,
  HTTP_CALL_RESPONSE_TRAILERS;

  /** The type for a wire code, or null when the code is unknown. */
  public static MapType of(long code) {
    MapType[] all = values();
    return code >= 0 && code < all.length ? all[(int) code] : null;
  }
}
