/*
 * body-rewrite in C against the raw Proxy-Wasm ABI 0.2.1: bodies, trailers and
 * local replies from callbacks other than the headers one.
 *  - request body: buffered (Pause) until end of stream, then wrapped as "[" body "]"
 *    with a prepend and an append (set_buffer_bytes at 0,0 and at size);
 *  - response body: buffered until end of stream, then replaced whole by "rewritten(" body ")";
 *  - request header "x-inspect-body": the headers are paused, the body is read at end of
 *    stream; "deny" in it gets a 403, anything else continues the stream from the body callback;
 *  - request trailers: answered with a 200 local reply naming the x-checksum trailer;
 *  - response trailers: "x-trailer-seen: yes" is added;
 *  - request header "x-add-trailer": the last response body callback adds the trailer
 *    "x-added-trailer: yes", whether or not the response has trailers.
 */
#include <string.h>

#include "proxy_wasm_abi.h"

#define SLOTS 256

/* Per stream (context id modulo SLOTS): headers paused to inspect the body; trailer to add. */
static uint8_t inspecting[SLOTS];
static uint8_t add_trailer[SLOTS];

static void reply(uint32_t status, const char *body, size_t body_size) {
    proxy_send_local_response(status, NULL, 0, body, body_size, NULL, 0, -1);
}

static char *read_buffer(uint32_t buffer, size_t *size) {
    uint32_t flags = 0;
    char *data = NULL;
    if (proxy_get_buffer_status(buffer, size, &flags) != PROXY_OK ||
        proxy_get_buffer_bytes(buffer, 0, *size, &data, size) != PROXY_OK) {
        *size = 0;
        return NULL;
    }
    return data;
}

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {
    inspecting[context_id % SLOTS] = 0;
    add_trailer[context_id % SLOTS] = 0;
}

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t plugin_config_size) { return 1; }

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
    char *value = NULL;
    size_t size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, "x-add-trailer", 13, &value, &size) == PROXY_OK) {
        free(value);
        add_trailer[context_id % SLOTS] = 1;
    }
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, "x-inspect-body", 14, &value, &size) == PROXY_OK) {
        free(value);
        inspecting[context_id % SLOTS] = 1;
        return PROXY_PAUSE;
    }
    return PROXY_CONTINUE;
}

static uint32_t inspect(size_t body_size) {
    size_t size = 0;
    char *body = read_buffer(BUFFER_REQUEST_BODY, &size);
    int deny = 0;
    for (size_t i = 0; i + 4 <= size; i++) {
        if (memcmp(body + i, "deny", 4) == 0) {
            deny = 1;
            break;
        }
    }
    free(body);
    if (deny) {
        reply(403, "body denied", 11);
        return PROXY_PAUSE;
    }
    proxy_continue_stream(STREAM_REQUEST);
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_request_body)
uint32_t proxy_on_request_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
    if (!end_of_stream) {
        return PROXY_PAUSE; /* buffer: the next call sees everything so far */
    }
    if (inspecting[context_id % SLOTS]) {
        return inspect(body_size);
    }
    size_t size = 0;
    uint32_t flags = 0;
    proxy_get_buffer_status(BUFFER_REQUEST_BODY, &size, &flags);
    proxy_set_buffer_bytes(BUFFER_REQUEST_BODY, 0, 0, "[", 1);        /* prepend */
    proxy_set_buffer_bytes(BUFFER_REQUEST_BODY, size + 1, 0, "]", 1); /* append */
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_request_trailers)
uint32_t proxy_on_request_trailers(uint32_t context_id, uint32_t trailers) {
    char *value = NULL;
    size_t size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_TRAILERS, "x-checksum", 10, &value, &size) != PROXY_OK) {
        size = 0;
    }
    static const char PREFIX[] = "trailer x-checksum=";
    size_t prefix = sizeof PREFIX - 1;
    char *body = malloc(prefix + size);
    memcpy(body, PREFIX, prefix);
    memcpy(body + prefix, value, size);
    reply(200, body, prefix + size);
    free(body);
    free(value);
    return PROXY_PAUSE;
}

WASM_EXPORT(proxy_on_response_body)
uint32_t proxy_on_response_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
    if (!end_of_stream) {
        return PROXY_PAUSE;
    }
    size_t size = 0;
    char *body = read_buffer(BUFFER_RESPONSE_BODY, &size);
    static const char OPEN[] = "rewritten(";
    size_t open = sizeof OPEN - 1;
    char *out = malloc(open + size + 1);
    memcpy(out, OPEN, open);
    memcpy(out + open, body, size);
    out[open + size] = ')';
    proxy_set_buffer_bytes(BUFFER_RESPONSE_BODY, 0, size, out, open + size + 1); /* replace */
    free(out);
    free(body);
    if (add_trailer[context_id % SLOTS]) {
        proxy_add_header_map_value(MAP_RESPONSE_TRAILERS, "x-added-trailer", 15, "yes", 3);
    }
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_response_trailers)
uint32_t proxy_on_response_trailers(uint32_t context_id, uint32_t trailers) {
    proxy_replace_header_map_value(MAP_RESPONSE_TRAILERS, "x-trailer-seen", 14, "yes", 3);
    return PROXY_CONTINUE;
}
