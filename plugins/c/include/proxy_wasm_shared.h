/*
 * Proxy-Wasm ABI 0.2.1 imports beyond proxy_wasm_abi.h: timers, shared data and queues, metrics,
 * foreign functions, properties and the clock. Include after proxy_wasm_abi.h.
 */
#ifndef PROXY_WASM_SHARED_H
#define PROXY_WASM_SHARED_H

#include <stddef.h>
#include <stdint.h>

enum { PROXY_EMPTY = 7, PROXY_CAS_MISMATCH = 8 };
enum proxy_metric_type { METRIC_COUNTER = 0, METRIC_GAUGE = 1, METRIC_HISTOGRAM = 2 };

WASM_IMPORT(proxy_set_tick_period_milliseconds)
uint32_t proxy_set_tick_period_milliseconds(uint32_t period);

WASM_IMPORT(proxy_get_shared_data)
uint32_t proxy_get_shared_data(const char *key, size_t key_size, char **value, size_t *value_size,
                               uint32_t *cas);

WASM_IMPORT(proxy_set_shared_data)
uint32_t proxy_set_shared_data(const char *key, size_t key_size, const char *value,
                               size_t value_size, uint32_t cas);

WASM_IMPORT(proxy_register_shared_queue)
uint32_t proxy_register_shared_queue(const char *name, size_t name_size, uint32_t *queue_id);

WASM_IMPORT(proxy_resolve_shared_queue)
uint32_t proxy_resolve_shared_queue(const char *vm_id, size_t vm_id_size, const char *name,
                                    size_t name_size, uint32_t *queue_id);

WASM_IMPORT(proxy_enqueue_shared_queue)
uint32_t proxy_enqueue_shared_queue(uint32_t queue_id, const char *data, size_t data_size);

WASM_IMPORT(proxy_dequeue_shared_queue)
uint32_t proxy_dequeue_shared_queue(uint32_t queue_id, char **data, size_t *data_size);

WASM_IMPORT(proxy_define_metric)
uint32_t proxy_define_metric(uint32_t type, const char *name, size_t name_size, uint32_t *id);

WASM_IMPORT(proxy_increment_metric)
uint32_t proxy_increment_metric(uint32_t id, int64_t offset);

WASM_IMPORT(proxy_record_metric)
uint32_t proxy_record_metric(uint32_t id, uint64_t value);

WASM_IMPORT(proxy_get_metric)
uint32_t proxy_get_metric(uint32_t id, uint64_t *value);

WASM_IMPORT(proxy_call_foreign_function)
uint32_t proxy_call_foreign_function(const char *name, size_t name_size, const char *args,
                                     size_t args_size, char **result, size_t *result_size);

WASM_IMPORT(proxy_clear_route_cache)
uint32_t proxy_clear_route_cache(void);

WASM_IMPORT(proxy_get_property)
uint32_t proxy_get_property(const char *path, size_t path_size, char **value, size_t *value_size);

WASM_IMPORT(proxy_get_current_time_nanoseconds)
uint32_t proxy_get_current_time_nanoseconds(uint64_t *nanos);

#endif
