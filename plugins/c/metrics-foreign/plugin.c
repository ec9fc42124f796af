/*
 * metrics-foreign: metrics, foreign functions and gateway properties through the raw ABI.
 * proxy_on_configure defines counter "c_requests", gauge "c_inflight", histogram "c_sizes" and
 * logs "bad metric type: status <s>" for a type that does not exist.
 * Each request adds headers:
 *   x-metrics:  increment counter +1, counter -1, gauge +5, gauge -2, record histogram 42,
 *               increment histogram, get histogram, get undefined id;counter=<v>;gauge=<v>
 *   x-foreign:  declare_property (valid), declare_property (truncated), set_envoy_filter_state
 *               {key1=v}, clear_route_cache, no_such_function, proxy_clear_route_cache
 *   x-node:     property node.id
 *   x-clock:    "ok" when proxy_get_current_time_nanoseconds answers OK with a non-zero time
 */
#include <stdio.h>
#include <string.h>

#include "proxy_wasm_abi.h"
#include "proxy_wasm_shared.h"

static uint32_t counter, gauge, histogram;

static uint32_t define(uint32_t type, const char *name, uint32_t *id) {
    return proxy_define_metric(type, name, strlen(name), id);
}

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root, uint32_t size) {
    uint32_t unused = 0;
    if (define(METRIC_COUNTER, "c_requests", &counter) != PROXY_OK
        || define(METRIC_GAUGE, "c_inflight", &gauge) != PROXY_OK
        || define(METRIC_HISTOGRAM, "c_sizes", &histogram) != PROXY_OK) {
        return 0;
    }
    char line[64];
    int n = snprintf(line, sizeof line, "bad metric type: status %u", define(7, "c_bad", &unused));
    proxy_log(LOG_INFO, line, (size_t)n);
    return 1;
}

static void add_request_header(const char *key, const char *value, size_t size) {
    proxy_add_header_map_value(MAP_REQUEST_HEADERS, key, strlen(key), value, size);
}

static void metrics(void) {
    uint64_t unused = 0, counted = 0, level = 0;
    uint32_t s[8];
    s[0] = proxy_increment_metric(counter, 1);
    s[1] = proxy_increment_metric(counter, -1);
    s[2] = proxy_increment_metric(gauge, 5);
    s[3] = proxy_increment_metric(gauge, -2);
    s[4] = proxy_record_metric(histogram, 42);
    s[5] = proxy_increment_metric(histogram, 1);
    s[6] = proxy_get_metric(histogram, &unused);
    s[7] = proxy_get_metric(400, &unused);
    proxy_get_metric(counter, &counted);
    proxy_get_metric(gauge, &level);
    char out[128];
    int n = snprintf(out, sizeof out, "%u,%u,%u,%u,%u,%u,%u,%u;counter=%llu;gauge=%lld", s[0], s[1],
                     s[2], s[3], s[4], s[5], s[6], s[7], (unsigned long long)counted, (long long)level);
    add_request_header("x-metrics", out, (size_t)n);
}

static uint32_t foreign(const char *name, const char *args, size_t size) {
    char *result = NULL;
    size_t result_size = 0;
    uint32_t status = proxy_call_foreign_function(name, strlen(name), args, size, &result, &result_size);
    free(result);
    return status;
}

static void foreign_functions(void) {
    /* DeclarePropertyArguments{name: "foo", type: String} and one whose name runs past its end. */
    static const char declare[] = {0x0a, 0x03, 'f', 'o', 'o', 0x10, 0x01};
    static const char truncated[] = {0x0a, 0x10, 'f'};
    /* SetEnvoyFilterStateArguments{path: "key1", value: "v"} */
    static const char filter_state[] = {0x0a, 0x04, 'k', 'e', 'y', '1', 0x12, 0x01, 'v'};
    char out[64];
    int n = snprintf(out, sizeof out, "%u,%u,%u,%u,%u,%u",
                     foreign("declare_property", declare, sizeof declare),
                     foreign("declare_property", truncated, sizeof truncated),
                     foreign("set_envoy_filter_state", filter_state, sizeof filter_state),
                     foreign("clear_route_cache", NULL, 0),
                     foreign("no_such_function", NULL, 0),
                     proxy_clear_route_cache());
    add_request_header("x-foreign", out, (size_t)n);
}

static void node_and_clock(void) {
    static const char path[] = "node\0id";
    char *value = NULL;
    size_t size = 0;
    if (proxy_get_property(path, sizeof path - 1, &value, &size) == PROXY_OK) {
        add_request_header("x-node", value, size);
        free(value);
    }
    uint64_t now = 0;
    if (proxy_get_current_time_nanoseconds(&now) == PROXY_OK && now > 0) {
        add_request_header("x-clock", "ok", 2);
    }
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context, uint32_t headers, uint32_t end_of_stream) {
    metrics();
    foreign_functions();
    node_and_clock();
    return PROXY_CONTINUE;
}
