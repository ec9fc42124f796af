/*
 * conformance: the ABI calls no Go SDK call reaches, driven by request header x-mode:
 *   map-size   answers 200 with "x-map-size: <n>", n = proxy_get_header_map_size of the
 *              request headers (bytes of their serialized form)
 *   log-level  answers 200 with "x-log-level: <n>", n = proxy_get_log_level
 *   close      proxy_close_stream on the request: the client gets no answer
 * Any other request passes untouched.
 */
#include <stdio.h>
#include <string.h>

#include "proxy_wasm_abi.h"

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t plugin_config_size) { return 1; }

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {}

/* Serialized map with one pair: count, name and value sizes, then both NUL-terminated. */
static size_t one_pair(char *out, const char *name, const char *value) {
    uint32_t count = 1, name_size = strlen(name), value_size = strlen(value);
    memcpy(out, &count, 4);
    memcpy(out + 4, &name_size, 4);
    memcpy(out + 8, &value_size, 4);
    memcpy(out + 12, name, name_size + 1);
    memcpy(out + 13 + name_size, value, value_size + 1);
    return 14 + name_size + value_size;
}

static uint32_t answer_number(const char *header, uint32_t number) {
    char value[12], pairs[64];
    snprintf(value, sizeof value, "%u", number);
    size_t size = one_pair(pairs, header, value);
    proxy_send_local_response(200, "", 0, "", 0, pairs, size, -1);
    return PROXY_PAUSE;
}

static int mode_is(const char *mode, size_t size, const char *expected) {
    return size == strlen(expected) && memcmp(mode, expected, size) == 0;
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t header_count, uint32_t end_of_stream) {
    static const char KEY[] = "x-mode";
    char *mode = NULL;
    size_t mode_size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, KEY, sizeof KEY - 1, &mode, &mode_size) != PROXY_OK) {
        return PROXY_CONTINUE;
    }
    uint32_t action = PROXY_CONTINUE;
    if (mode_is(mode, mode_size, "map-size")) {
        size_t size = 0;
        proxy_get_header_map_size(MAP_REQUEST_HEADERS, &size);
        action = answer_number("x-map-size", size);
    } else if (mode_is(mode, mode_size, "log-level")) {
        uint32_t level = 0;
        proxy_get_log_level(&level);
        action = answer_number("x-log-level", level);
    } else if (mode_is(mode, mode_size, "close")) {
        proxy_close_stream(STREAM_REQUEST);
        action = PROXY_PAUSE;
    }
    free(mode);
    return action;
}
