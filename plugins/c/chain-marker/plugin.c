/*
 * chain-marker: a test fixture that makes plugin order, pluginConfig and
 * vmConfig.env visible on the wire. Configured with {"tag":"<tag>"}, it
 *   - appends request header   x-chain: <tag>
 *   - appends response header  x-chain-response: <tag>
 *   - and, when the VM environment has WASMGATE_TEST_ENV, response header
 *     x-env-<tag>: <its value>.
 * Headers are appended (never replaced) so several instances leave an ordered trail.
 * Several plugin configurations may share one VM, so each stream remembers the
 * root context (and tag) it was created under.
 */
#include <string.h>

#include "proxy_wasm_abi.h"

#define MAX_TAG 64
#define STREAM_BUCKETS 64

struct root {
    uint32_t id;
    char tag[MAX_TAG + 1];
    struct root *next;
};

struct stream {
    uint32_t id;
    struct root *root;
    struct stream *next;
};

static struct root *roots;
static struct stream *streams[STREAM_BUCKETS];

static struct root *find_root(uint32_t id) {
    for (struct root *r = roots; r != NULL; r = r->next) {
        if (r->id == id) return r;
    }
    return NULL;
}

static struct stream **stream_slot(uint32_t id) {
    struct stream **slot = &streams[id % STREAM_BUCKETS];
    while (*slot != NULL && (*slot)->id != id) slot = &(*slot)->next;
    return slot;
}

static void log_message(uint32_t level, const char *message) {
    proxy_log(level, message, strlen(message));
}

static int is_tag_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

static const char *skip_spaces(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/*
 * Reads the "tag" string member of a JSON object into tag. Deliberately small:
 * the value must be 1..64 characters of [A-Za-z0-9._-] because it ends up in a
 * header name. Returns 1 on success, 0 when absent or invalid.
 */
static int parse_tag(const char *json, size_t size, char tag[MAX_TAG + 1]) {
    static const char KEY[] = "\"tag\"";
    const char *end = json + size;
    for (const char *p = json; p + sizeof KEY - 1 <= end; p++) {
        if (memcmp(p, KEY, sizeof KEY - 1) != 0) continue;
        const char *q = skip_spaces(p + sizeof KEY - 1, end);
        if (q == end || *q != ':') continue; /* "tag" appeared as a value, keep looking */
        q = skip_spaces(q + 1, end);
        if (q == end || *q != '"') return 0;
        const char *start = ++q;
        while (q < end && is_tag_char(*q)) q++;
        size_t length = (size_t)(q - start);
        if (q == end || *q != '"' || length == 0 || length > MAX_TAG) return 0;
        memcpy(tag, start, length);
        tag[length] = '\0';
        return 1;
    }
    return 0;
}

static void add_header(uint32_t map, const char *name, const char *value) {
    proxy_add_header_map_value(map, name, strlen(name), value, strlen(value));
}

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {
    if (parent_id == 0) {
        struct root *r = calloc(1, sizeof *r);
        if (r == NULL) return;
        r->id = context_id;
        r->next = roots;
        roots = r;
        return;
    }
    struct stream *s = malloc(sizeof *s);
    if (s == NULL) return;
    s->id = context_id;
    s->root = find_root(parent_id);
    s->next = streams[context_id % STREAM_BUCKETS];
    streams[context_id % STREAM_BUCKETS] = s;
}

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t plugin_config_size) {
    struct root *r = find_root(root_id);
    char *config = NULL;
    size_t config_size = 0;
    if (r == NULL || plugin_config_size == 0
        || proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, plugin_config_size, &config, &config_size) != PROXY_OK) {
        log_message(LOG_ERROR, "chain-marker: plugin configuration {\"tag\":\"...\"} is required");
        return 0;
    }
    int ok = parse_tag(config, config_size, r->tag);
    free(config);
    if (!ok) {
        log_message(LOG_ERROR, "chain-marker: configuration needs \"tag\": 1-64 characters of [A-Za-z0-9._-]");
    }
    return ok;
}

static struct root *root_of(uint32_t context_id) {
    struct stream *s = *stream_slot(context_id);
    return s != NULL && s->root != NULL && s->root->tag[0] != '\0' ? s->root : NULL;
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t header_count, uint32_t end_of_stream) {
    struct root *r = root_of(context_id);
    if (r != NULL) add_header(MAP_REQUEST_HEADERS, "x-chain", r->tag);
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_response_headers)
uint32_t proxy_on_response_headers(uint32_t context_id, uint32_t header_count, uint32_t end_of_stream) {
    struct root *r = root_of(context_id);
    if (r == NULL) return PROXY_CONTINUE;
    add_header(MAP_RESPONSE_HEADERS, "x-chain-response", r->tag);
    const char *env = getenv("WASMGATE_TEST_ENV");
    if (env != NULL) {
        char name[sizeof "x-env-" + MAX_TAG];
        memcpy(name, "x-env-", 6);
        strcpy(name + 6, r->tag);
        add_header(MAP_RESPONSE_HEADERS, name, env);
    }
    return PROXY_CONTINUE;
}

WASM_EXPORT(proxy_on_delete)
void proxy_on_delete(uint32_t context_id) {
    struct stream **slot = stream_slot(context_id);
    struct stream *s = *slot;
    if (s != NULL) {
        *slot = s->next;
        free(s);
    }
}
