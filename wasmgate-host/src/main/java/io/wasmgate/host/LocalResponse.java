package io.wasmgate.host;

import java.util.List;
import java.util.Map;

/**
 * A response the plugin asks the gateway to send instead of forwarding (proxy_send_local_response).
 *
 * @param details response_code_details for the access log
 * @param grpcStatus -1 when the response is not gRPC
 */
public record LocalResponse(
    int status,
    String details,
    byte[] body,
    List<Map.Entry<String, String>> headers,
    int grpcStatus) {}
