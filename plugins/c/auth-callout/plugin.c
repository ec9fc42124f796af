/*
 * auth-callout in C against the raw Proxy-Wasm ABI 0.2.1: every request is paused
 * while an HTTP callout asks the auth cluster (pluginConfig {"cluster": "<name>"},
 * default "auth") GET /auth?token=<x-token header>. A 200 answer adds
 * "x-auth-user: <answer body>" and resumes the request (set_effective_context +
 * continue_stream); any other status gets 403 "denied by auth: <status>"; a call
 * without a response gets 503 "callout failed: <get_status message>"; a call the
 * host refuses at once gets 500 "callout refused".
 */
#define _GNU_SOURCE
#include <string.h>

#include "proxy_wasm_abi.h"

#define SLOTS 64

static char cluster[128] = "auth";
static size_t cluster_size = 4;

/* Pending calls: call id to the stream context that waits for it. */
static uint32_t call_ids[SLOTS];
static uint32_t call_contexts[SLOTS];

static void reply(uint32_t status, const char *body, size_t body_size) {
    proxy_send_local_response(status, NULL, 0, body, body_size, NULL, 0, -1);
}

/* Serializes pairs as the ABI wants them: count, lengths, then NUL-terminated keys and values. */
static char *pairs(const char **kv, uint32_t count, size_t *size) {
    size_t total = 4 + 8 * count;
    for (uint32_t i = 0; i < 2 * count; i++) total += strlen(kv[i]) + 1;
    char *out = malloc(total);
    uint32_t *lengths = (uint32_t *)out;
    lengths[0] = count;
    char *p = out + 4 + 8 * count;
    for (uint32_t i = 0; i < 2 * count; i++) {
        size_t n = strlen(kv[i]);
        lengths[1 + i] = (uint32_t)n;
        memcpy(p, kv[i], n + 1);
        p += n + 1;
    }
    *size = total;
    return out;
}

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {}

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t config_size) {
    char *config = NULL;
    size_t size = 0;
    if (config_size == 0 ||
        proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, config_size, &config, &size) != PROXY_OK) {
        return 1;
    }
    /* pluginConfig {"cluster": "<name>"}: the value of the one string field it reads. */
    static const char KEY[] = "\"cluster\"";
    char *key = memmem(config, size, KEY, sizeof KEY - 1);
    char *start = key == NULL ? NULL : memchr(key + sizeof KEY - 1, '"', size - (key + sizeof KEY - 1 - config));
    char *end = start == NULL ? NULL : memchr(start + 1, '"', size - (start + 1 - config));
    int ok = end != NULL && (size_t)(end - start - 1) < sizeof cluster;
    if (ok) {
        cluster_size = end - start - 1;
        memcpy(cluster, start + 1, cluster_size);
    }
    free(config);
    return ok ? 1 : 0;
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
    char *token = NULL;
    size_t token_size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, "x-token", 7, &token, &token_size) != PROXY_OK) {
        token_size = 0;
    }
    char path[160] = "/auth?token=";
    size_t prefix = strlen(path);
    if (token_size > sizeof path - prefix - 1) token_size = sizeof path - prefix - 1;
    memcpy(path + prefix, token, token_size);
    path[prefix + token_size] = 0;
    free(token);

    const char *kv[] = {":method", "GET", ":path", path, ":authority", "auth.local"};
    size_t size = 0;
    char *serialized = pairs(kv, 3, &size);
    uint32_t id = 0;
    uint32_t rc = proxy_http_call(cluster, cluster_size, serialized, size, NULL, 0, NULL, 0, 2000, &id);
    free(serialized);
    if (rc != PROXY_OK) {
        reply(500, "callout refused", 15);
        return PROXY_PAUSE;
    }
    call_ids[id % SLOTS] = id;
    call_contexts[id % SLOTS] = context_id;
    return PROXY_PAUSE;
}

WASM_EXPORT(proxy_on_http_call_response)
void proxy_on_http_call_response(uint32_t root_id, uint32_t id, uint32_t headers, size_t body_size,
                                 uint32_t trailers) {
    if (call_ids[id % SLOTS] != id) {
        return;
    }
    proxy_set_effective_context(call_contexts[id % SLOTS]);
    if (headers == 0) {
        uint32_t code = 0;
        char *message = NULL;
        size_t message_size = 0;
        proxy_get_status(&code, &message, &message_size);
        char body[128] = "callout failed: ";
        size_t prefix = strlen(body);
        if (message_size > sizeof body - prefix) message_size = sizeof body - prefix;
        memcpy(body + prefix, message, message_size);
        free(message);
        reply(503, body, prefix + message_size);
        return;
    }
    char *status = NULL;
    size_t status_size = 0;
    proxy_get_header_map_value(MAP_HTTP_CALL_RESPONSE_HEADERS, ":status", 7, &status, &status_size);
    if (status_size == 3 && memcmp(status, "200", 3) == 0) {
        char *user = NULL;
        size_t user_size = 0;
        proxy_get_buffer_bytes(BUFFER_HTTP_CALL_RESPONSE_BODY, 0, body_size, &user, &user_size);
        proxy_add_header_map_value(MAP_REQUEST_HEADERS, "x-auth-user", 11, user, user_size);
        free(user);
        proxy_continue_stream(STREAM_REQUEST);
    } else {
        char body[64] = "denied by auth: ";
        size_t prefix = strlen(body);
        if (status_size > 8) status_size = 8;
        memcpy(body + prefix, status, status_size);
        reply(403, body, prefix + status_size);
    }
    free(status);
}
