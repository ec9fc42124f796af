/*
 * header-authorization in C against the raw Proxy-Wasm ABI 0.2.1: the same
 * behaviour as examples/header-authorization (Go). A request passes only when
 * its `allow` header is exactly "true"; otherwise the plugin answers 403.
 */
#include <string.h>

#include "proxy_wasm_abi.h"

static const char ALLOW_HEADER[] = "allow";
static const char FORBIDDEN_BODY[] = "Forbidden by ASM Wasm Plugin";

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {}

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t plugin_config_size) { return 1; }

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t header_count, uint32_t end_of_stream) {
    char *value = NULL;
    size_t value_size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, ALLOW_HEADER, strlen(ALLOW_HEADER),
                                   &value, &value_size) != PROXY_OK) {
        value_size = 0; /* a missing header is refused like any other value */
    }

    static const char BEFORE[] = "request header: 'allow' is ";
    static const char AFTER[] = ", only true can passthrough";
    size_t before = sizeof BEFORE - 1, after = sizeof AFTER - 1;
    char *line = malloc(before + value_size + after);
    if (line != NULL) {
        memcpy(line, BEFORE, before);
        memcpy(line + before, value, value_size);
        memcpy(line + before + value_size, AFTER, after);
        proxy_log(LOG_DEBUG, line, before + value_size + after);
        free(line);
    }

    int allowed = value_size == 4 && memcmp(value, "true", 4) == 0;
    free(value);
    if (allowed) {
        return PROXY_CONTINUE;
    }
    proxy_send_local_response(403, NULL, 0, FORBIDDEN_BODY, strlen(FORBIDDEN_BODY), NULL, 0, -1);
    return PROXY_PAUSE;
}
