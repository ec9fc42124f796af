/*
 * The gRPC callout slice of the Proxy-Wasm ABI 0.2.1 (imports from module "env"),
 * for C fixtures that include proxy_wasm_abi.h first.
 */
#ifndef PROXY_WASM_GRPC_H
#define PROXY_WASM_GRPC_H

#include "proxy_wasm_abi.h"

/* proxy_map_type_t / proxy_buffer_type_t values for what a gRPC callout received. */
#define MAP_GRPC_INITIAL_METADATA 4
#define MAP_GRPC_TRAILING_METADATA 5
#define BUFFER_GRPC_MESSAGE 5

WASM_IMPORT(proxy_grpc_call)
uint32_t proxy_grpc_call(const char *service, size_t service_size,
                         const char *service_name, size_t service_name_size,
                         const char *method, size_t method_size,
                         const char *metadata, size_t metadata_size,
                         const char *message, size_t message_size,
                         uint32_t timeout_ms, uint32_t *token);

WASM_IMPORT(proxy_grpc_stream)
uint32_t proxy_grpc_stream(const char *service, size_t service_size,
                           const char *service_name, size_t service_name_size,
                           const char *method, size_t method_size,
                           const char *metadata, size_t metadata_size, uint32_t *token);

WASM_IMPORT(proxy_grpc_send)
uint32_t proxy_grpc_send(uint32_t token, const char *message, size_t message_size,
                         uint32_t end_of_stream);

WASM_IMPORT(proxy_grpc_cancel)
uint32_t proxy_grpc_cancel(uint32_t token);

WASM_IMPORT(proxy_grpc_close)
uint32_t proxy_grpc_close(uint32_t token);

#endif
