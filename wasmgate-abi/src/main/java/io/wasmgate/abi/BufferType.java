package io.wasmgate.abi;

/** proxy_buffer_type_t. */
public enum BufferType {
  HTTP_REQUEST_BODY,
  HTTP_RESPONSE_BODY,
  DOWNSTREAM_DATA,
  UPSTREAM_DATA,
  HTTP_CALL_RESPONSE_BODY,
  GRPC_CALL_MESSAGE,
  VM_CONFIGURATION,
  PLUGIN_CONFIGURATION,
  FOREIGN_FUNCTION_ARGUMENTS;

  /** The type for a wire code, or null when the code is unknown. */
  public static BufferType of(long code) {
    BufferType[] all = values();
    return code >= 0 && code < all.length ? all[(int) code] : null;
  }
}
