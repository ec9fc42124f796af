/*
 * The slice of the Proxy-Wasm ABI 0.2.1 host interface that wasmgate's C
 * fixtures use, declared as imports from module "env", plus the exports every
 * plugin needs (ABI marker and allocator).
 */
#ifndef PROXY_WASM_ABI_H
#define PROXY_WASM_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define WASM_EXPORT(name) __attribute__((export_name(#name)))
#define WASM_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

enum proxy_status { PROXY_OK = 0, PROXY_NOT_FOUND = 1, PROXY_BAD_ARGUMENT = 2 };
enum proxy_action { PROXY_CONTINUE = 0, PROXY_PAUSE = 1 };
enum proxy_log_level { LOG_TRACE = 0, LOG_DEBUG = 1, LOG_INFO = 2, LOG_WARN = 3, LOG_ERROR = 4 };
enum proxy_map_type {
    MAP_REQUEST_HEADERS = 0, MAP_REQUEST_TRAILERS = 1, MAP_RESPONSE_HEADERS = 2,
    MAP_RESPONSE_TRAILERS = 3, MAP_HTTP_CALL_RESPONSE_HEADERS = 6
};
enum proxy_buffer_type {
    BUFFER_REQUEST_BODY = 0, BUFFER_RESPONSE_BODY = 1, BUFFER_HTTP_CALL_RESPONSE_BODY = 4,
    BUFFER_PLUGIN_CONFIGURATION = 7
};
enum proxy_stream_type { STREAM_REQUEST = 0, STREAM_RESPONSE = 1 };

WASM_IMPORT(proxy_log)
uint32_t proxy_log(uint32_t level, const char *msg, size_t msg_size);

WASM_IMPORT(proxy_get_header_map_value)
uint32_t proxy_get_header_map_value(uint32_t map, const char *key, size_t key_size,
                                    char **value, size_t *value_size);

WASM_IMPORT(proxy_add_header_map_value)
uint32_t proxy_add_header_map_value(uint32_t map, const char *key, size_t key_size,
                                    const char *value, size_t value_size);

WASM_IMPORT(proxy_get_buffer_bytes)
uint32_t proxy_get_buffer_bytes(uint32_t buffer, size_t start, size_t max_size,
                                char **data, size_t *data_size);

WASM_IMPORT(proxy_replace_header_map_value)
uint32_t proxy_replace_header_map_value(uint32_t map, const char *key, size_t key_size,
                                        const char *value, size_t value_size);

WASM_IMPORT(proxy_get_buffer_status)
uint32_t proxy_get_buffer_status(uint32_t buffer, size_t *size, uint32_t *flags);

WASM_IMPORT(proxy_set_buffer_bytes)
uint32_t proxy_set_buffer_bytes(uint32_t buffer, size_t start, size_t size,
                                const char *data, size_t data_size);

WASM_IMPORT(proxy_http_call)
uint32_t proxy_http_call(const char *upstream, size_t upstream_size,
                         const char *headers, size_t headers_size,
                         const char *body, size_t body_size,
                         const char *trailers, size_t trailers_size,
                         uint32_t timeout_ms, uint32_t *call_id);

WASM_IMPORT(proxy_get_status)
uint32_t proxy_get_status(uint32_t *code, char **message, size_t *message_size);

WASM_IMPORT(proxy_set_effective_context)
uint32_t proxy_set_effective_context(uint32_t context_id);

WASM_IMPORT(proxy_continue_stream)
uint32_t proxy_continue_stream(uint32_t stream);

WASM_IMPORT(proxy_get_header_map_size)
uint32_t proxy_get_header_map_size(uint32_t map, size_t *size);

WASM_IMPORT(proxy_get_log_level)
uint32_t proxy_get_log_level(uint32_t *level);

WASM_IMPORT(proxy_close_stream)
uint32_t proxy_close_stream(uint32_t stream);

WASM_IMPORT(proxy_send_local_response)
uint32_t proxy_send_local_response(uint32_t status, const char *details, size_t details_size,
                                   const char *body, size_t body_size,
                                   const char *headers, size_t headers_size, int32_t grpc_status);

/* The host finds the ABI version by this export's name; it is never called. */
WASM_EXPORT(proxy_abi_version_0_2_1)
void proxy_abi_version_0_2_1(void) {}

/* Host-written data (header values, buffers) lands in memory from here; the plugin frees it. */
WASM_EXPORT(proxy_on_memory_allocate)
void *proxy_on_memory_allocate(size_t size) { return malloc(size); }

#endif
