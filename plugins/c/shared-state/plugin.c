/*
 * shared-state: timers, shared data and shared queues through the raw ABI.
 * Configuration {"tick_ms": <ms>, "register": 0|1} (absent keys are 0):
 *   - sets the tick period and logs "tick period <ms>: status <s>";
 *   - with register=1, registers shared queue "events" (last registrant hears enqueues).
 * proxy_on_tick adds 1 to shared key "ticks" (u32 little-endian) with a CAS retry loop and logs
 * "tick". proxy_on_queue_ready dequeues everything, logging "dequeued <item>" each, then
 * "dequeue stopped: status <s>" (7 = EMPTY).
 * Request headers:
 *   x-enqueue: <v>  resolves ("", "events"), enqueues v; adds x-enqueue-status: <resolve>,<enqueue>
 *   x-cas: any      adds x-cas-status: set(cas 0),get,set(stale cas),set(current cas),get(missing)
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "proxy_wasm_abi.h"
#include "proxy_wasm_shared.h"

static const char QUEUE[] = "events";

static void logf_info(const char *format, ...) {
    char line[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line, format, args);
    va_end(args);
    proxy_log(LOG_INFO, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

static void add_request_header(const char *key, const char *value) {
    proxy_add_header_map_value(MAP_REQUEST_HEADERS, key, strlen(key), value, strlen(value));
}

/* The request header's value (caller frees), or NULL. */
static char *request_header(const char *key, size_t *size) {
    char *value = NULL;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, key, strlen(key), &value, size) != PROXY_OK) {
        return NULL;
    }
    return value;
}

/* The unsigned number after "<key>": in the JSON configuration, or 0. */
static unsigned config_number(const char *config, const char *key) {
    char quoted[32];
    snprintf(quoted, sizeof quoted, "\"%s\":", key);
    const char *at = strstr(config, quoted);
    return at == NULL ? 0 : (unsigned)strtoul(at + strlen(quoted), NULL, 10);
}

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root, uint32_t size) {
    char config[128] = {0};
    char *data = NULL;
    size_t length = 0;
    if (size > 0 && proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, &data, &length) == PROXY_OK) {
        memcpy(config, data, length < sizeof config - 1 ? length : sizeof config - 1);
        free(data);
    }
    unsigned period = config_number(config, "tick_ms");
    logf_info("tick period %u: status %u", period, proxy_set_tick_period_milliseconds(period));
    if (config_number(config, "register")) {
        uint32_t id = 0;
        uint32_t status = proxy_register_shared_queue(QUEUE, strlen(QUEUE), &id);
        logf_info("registered queue %s: status %u", QUEUE, status);
    }
    return 1;
}

/* Adds 1 to a u32 counter in shared data; a concurrent writer makes the CAS fail and we retry. */
static uint32_t increment_shared(const char *key) {
    for (;;) {
        char *value = NULL;
        size_t size = 0;
        uint32_t cas = 0, count = 0;
        if (proxy_get_shared_data(key, strlen(key), &value, &size, &cas) == PROXY_OK && size == 4) {
            memcpy(&count, value, 4);
        }
        free(value);
        count++;
        uint32_t status = proxy_set_shared_data(key, strlen(key), (const char *)&count, 4, cas);
        if (status == PROXY_OK) return count;
        if (status != PROXY_CAS_MISMATCH) return 0;
    }
}

WASM_EXPORT(proxy_on_tick)
void proxy_on_tick(uint32_t root) {
    increment_shared("ticks");
    logf_info("tick");
}

WASM_EXPORT(proxy_on_queue_ready)
void proxy_on_queue_ready(uint32_t root, uint32_t queue_id) {
    for (;;) {
        char *item = NULL;
        size_t size = 0;
        uint32_t status = proxy_dequeue_shared_queue(queue_id, &item, &size);
        if (status != PROXY_OK) {
            logf_info("dequeue stopped: status %u", status);
            return;
        }
        logf_info("dequeued %.*s", (int)size, item);
        free(item);
    }
}

static void enqueue(const char *value, size_t size) {
    uint32_t id = 0;
    uint32_t resolved = proxy_resolve_shared_queue("", 0, QUEUE, strlen(QUEUE), &id);
    uint32_t enqueued = resolved == PROXY_OK ? proxy_enqueue_shared_queue(id, value, size) : 99;
    char statuses[32];
    snprintf(statuses, sizeof statuses, "%u,%u", resolved, enqueued);
    add_request_header("x-enqueue-status", statuses);
}

static void cas_statuses(void) {
    const char key[] = "cas-key";
    char *value = NULL;
    size_t size = 0;
    uint32_t cas = 0, missing_cas = 0;
    uint32_t first = proxy_set_shared_data(key, strlen(key), "a", 1, 0);
    uint32_t got = proxy_get_shared_data(key, strlen(key), &value, &size, &cas);
    free(value);
    uint32_t stale = proxy_set_shared_data(key, strlen(key), "b", 1, cas + 1000);
    uint32_t current = proxy_set_shared_data(key, strlen(key), "c", 1, cas);
    value = NULL;
    uint32_t absent = proxy_get_shared_data("no-such-key", 11, &value, &size, &missing_cas);
    char statuses[64];
    snprintf(statuses, sizeof statuses, "%u,%u,%u,%u,%u", first, got, stale, current, absent);
    add_request_header("x-cas-status", statuses);
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context, uint32_t headers, uint32_t end_of_stream) {
    size_t size = 0;
    char *value = request_header("x-enqueue", &size);
    if (value != NULL) {
        enqueue(value, size);
        free(value);
    }
    value = request_header("x-cas", &size);
    if (value != NULL) {
        cas_statuses();
        free(value);
    }
    return PROXY_CONTINUE;
}
