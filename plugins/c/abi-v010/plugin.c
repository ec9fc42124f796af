/*
 * abi-v010: a plugin for Proxy-Wasm ABI 0.1.0, whose header callbacks take two arguments and
 * whose configuration, continue-request and continue-response calls are gone from later ABIs.
 * Declares its own imports: the shared header exports the 0.2.1 marker.
 *   - adds request header "x-v010: <tag>" from the configuration {"tag":"<tag>"} that it reads
 *     with proxy_get_configuration on each request (the whole JSON when it has no plain "tag");
 *   - with request header "x-pause: 1", pauses the request headers and then the response
 *     headers; each body callback, at end of stream, adds "x-v010-resumed: body" to the paused
 *     headers and releases them with proxy_continue_request / proxy_continue_response.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WASM_EXPORT(name) __attribute__((export_name(#name)))
#define WASM_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

enum { PROXY_OK = 0, PROXY_CONTINUE = 0, PROXY_PAUSE = 1 };
enum { MAP_REQUEST_HEADERS = 0, MAP_RESPONSE_HEADERS = 2 };

WASM_IMPORT(proxy_get_configuration)
uint32_t proxy_get_configuration(char **data, size_t *size);

WASM_IMPORT(proxy_get_header_map_value)
uint32_t proxy_get_header_map_value(uint32_t map, const char *key, size_t key_size,
                                    char **value, size_t *value_size);

WASM_IMPORT(proxy_add_header_map_value)
uint32_t proxy_add_header_map_value(uint32_t map, const char *key, size_t key_size,
                                    const char *value, size_t value_size);

WASM_IMPORT(proxy_continue_request)
uint32_t proxy_continue_request(void);

WASM_IMPORT(proxy_continue_response)
uint32_t proxy_continue_response(void);

/* The host finds the ABI version by this export's name; it is never called. */
WASM_EXPORT(proxy_abi_version_0_1_0)
void proxy_abi_version_0_1_0(void) {}

WASM_EXPORT(proxy_on_memory_allocate)
void *proxy_on_memory_allocate(size_t size) { return malloc(size); }

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t plugin_config_size) { return 1; }

/* Streams that paused; a VM serves one worker, so a short list suffices. */
struct paused {
    uint32_t id;
    struct paused *next;
};
static struct paused *paused_streams;

static struct paused **find_paused(uint32_t id) {
    struct paused **slot = &paused_streams;
    while (*slot != NULL && (*slot)->id != id) slot = &(*slot)->next;
    return slot;
}

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {}

static void add_header(uint32_t map, const char *name, const char *value, size_t value_size) {
    proxy_add_header_map_value(map, name, strlen(name), value, value_size);
}

/* The "tag" member's plain string value, or else the whole configuration. */
static void tag_of(const char *json, size_t size, const char **tag, size_t *tag_size) {
    static const char KEY[] = "\"tag\":\"";
    *tag = json;
    *tag_size = size;
    for (size_t i = 0; i + sizeof KEY - 1 <= size; i++) {
        if (memcmp(json + i, KEY, sizeof KEY - 1) != 0) continue;
        const char *start = json + i + sizeof KEY - 1;
        const char *end = memchr(start, '"', size - (size_t)(start - json));
        if (end != NULL) {
            *tag = start;
            *tag_size = (size_t)(end - start);
        }
        return;
    }
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t header_count) {
    char *config = NULL;
    size_t config_size = 0;
    if (proxy_get_configuration(&config, &config_size) == PROXY_OK && config_size > 0) {
        const char *tag;
        size_t tag_size;
        tag_of(config, config_size, &tag, &tag_size);
        add_header(MAP_REQUEST_HEADERS, "x-v010", tag, tag_size);
    }
    free(config);

    static const char KEY[] = "x-pause";
    char *pause = NULL;
    size_t pause_size = 0;
    /* ABI 0.1.0 answers a missing header with OK and an empty value. */
    proxy_get_header_map_value(MAP_REQUEST_HEADERS, KEY, sizeof KEY - 1, &pause, &pause_size);
    int wants_pause = pause_size == 1 && pause[0] == '1';
    free(pause);
    if (!wants_pause) return PROXY_CONTINUE;
    struct paused *p = malloc(sizeof *p);
    if (p == NULL) return PROXY_CONTINUE;
    p->id = context_id;
    p->next = paused_streams;
    paused_streams = p;
    return PROXY_PAUSE;
}

WASM_EXPORT(proxy_on_response_headers)
uint32_t proxy_on_response_headers(uint32_t context_id, uint32_t header_count) {
    return *find_paused(context_id) != NULL ? PROXY_PAUSE : PROXY_CONTINUE;
}

static void resume_at_end(uint32_t context_id, uint32_t end_of_stream, uint32_t map, uint32_t (*resume)(void)) {
    if (!end_of_stream || *find_paused(context_id) == NULL) return;
    add_header(map, "x-v010-resumed", "body", 4);
    resume();
}

WASM_EXPORT(proxy_on_request_body)
uint32_t proxy_on_request_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
    resume_at_end(context_id, end_of_stream, MAP_REQUEST_HEADERS, proxy_continue_request);
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_response_body)
uint32_t proxy_on_response_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
    resume_at_end(context_id, end_of_stream, MAP_RESPONSE_HEADERS, proxy_continue_response);
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_delete)
void proxy_on_delete(uint32_t context_id) {
    struct paused **slot = find_paused(context_id);
    struct paused *p = *slot;
    if (p != NULL) {
        *slot = p->next;
        free(p);
    }
}
