/*
 * grpc-callout in C against the raw Proxy-Wasm ABI 0.2.1: each request path starts
 * a gRPC callout to the cluster "grpc" (service test.Echo), holds the request, and
 * answers it locally (200) with what the callout brought back:
 *   /unary/<name>  unary Unary(<name>) with metadata x-who: wasm -> "unary:<reply>"
 *   /proto/<name>  the same, the service given as a serialized GrpcService proto
 *   /error         unary Fail            -> "close:<status>:<message>" (proxy_get_status)
 *   /timeout       unary Hang, 300 ms    -> "close:..."
 *   /down          unary to cluster "down" (nothing listens) -> "close:..."
 *   /unknown       unary to cluster "nope" -> "rc:<proxy_grpc_call's status>"
 *   /stream        bidi Chat: sends "a", then "b" and "c" each after a reply, then
 *                  half-closes -> "stream:init=<x-server>;msgs=<replies>;trail=<x-count>;close=<status>"
 *   /cancel        starts unary and stream Hang calls and cancels both at once
 *                  -> "sendcall=<rc> call=<rc> stream=<rc> again=<rc> send=<rc>"
 *   /abandon       starts unary and stream Hang calls and leaves both open, for the VM's
 *                  close to cancel -> "call=<rc> stream=<rc>"
 *   /stray         -> "stray=<n>": callbacks that arrived for no pending callout
 */
#include <string.h>

#include "proxy_wasm_grpc.h"

#define SLOTS 64
#define SERVICE "test.Echo"

enum kind { FREE = 0, UNARY, CHAT };

/* Pending callouts: token to the stream context that waits for it. */
static uint32_t tokens[SLOTS];
static uint32_t contexts[SLOTS];
static enum kind kinds[SLOTS];
static uint32_t stray;

/* The one chat in flight (tests run them one at a time). */
static char chat[256];
static size_t chat_size;
static int chat_replies;

static size_t put(char *out, size_t at, const char *s, size_t n) {
    if (at + n >= 256) n = at < 255 ? 255 - at : 0;
    memcpy(out + at, s, n);
    return at + n;
}

static size_t put_u32(char *out, size_t at, uint32_t v) {
    char digits[10];
    int n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) at = put(out, at, &digits[--n], 1);
    return at;
}

static void reply(const char *body, size_t size) {
    proxy_send_local_response(200, NULL, 0, body, size, NULL, 0, -1);
}

static int pending(uint32_t token) {
    return kinds[token % SLOTS] != FREE && tokens[token % SLOTS] == token;
}

static void track(uint32_t token, uint32_t context, enum kind kind) {
    tokens[token % SLOTS] = token;
    contexts[token % SLOTS] = context;
    kinds[token % SLOTS] = kind;
}

/* Makes the waiting stream effective and forgets the callout. */
static void resume(uint32_t token) {
    proxy_set_effective_context(contexts[token % SLOTS]);
    kinds[token % SLOTS] = FREE;
}

static uint32_t unary(const char *cluster, size_t cluster_size, const char *method,
                      const char *message, uint32_t timeout_ms, uint32_t *token) {
    /* One pair, serialized: count, key and value lengths, then NUL-terminated key and value. */
    static const char metadata[] = "\x01\0\0\0\x05\0\0\0\x04\0\0\0x-who\0wasm";
    return proxy_grpc_call(cluster, cluster_size, SERVICE, strlen(SERVICE), method, strlen(method),
                           metadata, sizeof metadata, message, strlen(message), timeout_ms, token);
}

static void send_chat(uint32_t token, const char *message) {
    proxy_grpc_send(token, message, 1, 0);
}

WASM_EXPORT(proxy_on_context_create)
void proxy_on_context_create(uint32_t context_id, uint32_t parent_id) {}

WASM_EXPORT(proxy_on_vm_start)
uint32_t proxy_on_vm_start(uint32_t root_id, size_t vm_config_size) { return 1; }

WASM_EXPORT(proxy_on_configure)
uint32_t proxy_on_configure(uint32_t root_id, size_t config_size) { return 1; }

static uint32_t cancel_both(void) {
    char out[256];
    size_t n = 0;
    uint32_t call = 0, stream = 0;
    unary("grpc", 4, "Hang", "x", 0, &call);
    n = put(out, n, "sendcall=", 9);
    n = put_u32(out, n, proxy_grpc_send(call, "y", 1, 0));
    proxy_grpc_stream("grpc", 4, SERVICE, strlen(SERVICE), "Hang", 4, NULL, 0, &stream);
    proxy_grpc_send(stream, "x", 1, 0);
    n = put(out, n, " call=", 6);
    n = put_u32(out, n, proxy_grpc_cancel(call));
    n = put(out, n, " stream=", 8);
    n = put_u32(out, n, proxy_grpc_cancel(stream));
    n = put(out, n, " again=", 7);
    n = put_u32(out, n, proxy_grpc_cancel(call));
    n = put(out, n, " send=", 6);
    n = put_u32(out, n, proxy_grpc_send(stream, "z", 1, 0));
    reply(out, n);
    return PROXY_PAUSE;
}

/* Untracked on purpose: any callback for these tokens would count as stray. */
static uint32_t abandon(void) {
    char out[256];
    size_t n = 0;
    uint32_t call = 0, stream = 0;
    n = put(out, n, "call=", 5);
    n = put_u32(out, n, unary("grpc", 4, "Hang", "x", 0, &call));
    n = put(out, n, " stream=", 8);
    n = put_u32(out, n, proxy_grpc_stream("grpc", 4, SERVICE, strlen(SERVICE), "Hang", 4, NULL, 0, &stream));
    proxy_grpc_send(stream, "x", 1, 0);
    reply(out, n);
    return PROXY_PAUSE;
}

WASM_EXPORT(proxy_on_request_headers)
uint32_t proxy_on_request_headers(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
    char *path = NULL;
    size_t size = 0;
    if (proxy_get_header_map_value(MAP_REQUEST_HEADERS, ":path", 5, &path, &size) != PROXY_OK) {
        return PROXY_CONTINUE;
    }
    char p[128];
    if (size >= sizeof p) size = sizeof p - 1;
    memcpy(p, path, size);
    p[size] = 0;
    free(path);

    uint32_t token = 0, rc = 0;
    enum kind kind = UNARY;
    if (strncmp(p, "/unary/", 7) == 0) {
        rc = unary("grpc", 4, "Unary", p + 7, 5000, &token);
    } else if (strncmp(p, "/proto/", 7) == 0) {
        /* envoy.config.core.v3.GrpcService { envoy_grpc { cluster_name: "grpc" } } */
        static const char proto[] = "\x0a\x06\x0a\x04grpc";
        rc = unary(proto, sizeof proto - 1, "Unary", p + 7, 5000, &token);
    } else if (strcmp(p, "/error") == 0) {
        rc = unary("grpc", 4, "Fail", "x", 5000, &token);
    } else if (strcmp(p, "/timeout") == 0) {
        rc = unary("grpc", 4, "Hang", "x", 300, &token);
    } else if (strcmp(p, "/down") == 0) {
        rc = unary("down", 4, "Unary", "x", 5000, &token);
    } else if (strcmp(p, "/unknown") == 0) {
        rc = unary("nope", 4, "Unary", "x", 5000, &token);
    } else if (strcmp(p, "/stream") == 0) {
        kind = CHAT;
        rc = proxy_grpc_stream("grpc", 4, SERVICE, strlen(SERVICE), "Chat", 4, NULL, 0, &token);
        if (rc == PROXY_OK) {
            chat_size = 0;
            chat_replies = 0;
            send_chat(token, "a");
        }
    } else if (strcmp(p, "/cancel") == 0) {
        return cancel_both();
    } else if (strcmp(p, "/abandon") == 0) {
        return abandon();
    } else if (strcmp(p, "/stray") == 0) {
        char out[256];
        size_t n = put_u32(out, put(out, 0, "stray=", 6), stray);
        reply(out, n);
        return PROXY_PAUSE;
    } else {
        return PROXY_CONTINUE;
    }
    if (rc != PROXY_OK) {
        char out[256];
        size_t n = put_u32(out, put(out, 0, "rc:", 3), rc);
        reply(out, n);
        return PROXY_PAUSE;
    }
    track(token, context_id, kind);
    return PROXY_PAUSE;
}

WASM_EXPORT(proxy_on_grpc_receive_initial_metadata)
void proxy_on_grpc_receive_initial_metadata(uint32_t root_id, uint32_t token, uint32_t headers) {
    if (!pending(token)) {
        stray++;
        return;
    }
    char *value = NULL;
    size_t size = 0;
    chat_size = put(chat, chat_size, "init=", 5);
    if (proxy_get_header_map_value(MAP_GRPC_INITIAL_METADATA, "x-server", 8, &value, &size) == PROXY_OK) {
        chat_size = put(chat, chat_size, value, size);
        free(value);
    }
    chat_size = put(chat, chat_size, ";msgs=", 6);
}

WASM_EXPORT(proxy_on_grpc_receive)
void proxy_on_grpc_receive(uint32_t root_id, uint32_t token, size_t message_size) {
    if (!pending(token)) {
        stray++;
        return;
    }
    char *message = NULL;
    size_t size = 0;
    proxy_get_buffer_bytes(BUFFER_GRPC_MESSAGE, 0, message_size, &message, &size);
    if (kinds[token % SLOTS] == UNARY) {
        char out[256];
        size_t n = put(out, put(out, 0, "unary:", 6), message, size);
        free(message);
        resume(token);
        reply(out, n);
        return;
    }
    if (chat_replies > 0) chat_size = put(chat, chat_size, ",", 1);
    chat_size = put(chat, chat_size, message, size);
    free(message);
    chat_replies++;
    if (chat_replies == 1) {
        send_chat(token, "b");
    } else if (chat_replies == 2) {
        send_chat(token, "c");
    } else {
        proxy_grpc_close(token); /* half-close: the server answers with its trailers */
    }
}

WASM_EXPORT(proxy_on_grpc_receive_trailing_metadata)
void proxy_on_grpc_receive_trailing_metadata(uint32_t root_id, uint32_t token, uint32_t trailers) {
    if (!pending(token)) {
        stray++;
        return;
    }
    char *value = NULL;
    size_t size = 0;
    chat_size = put(chat, chat_size, ";trail=", 7);
    if (proxy_get_header_map_value(MAP_GRPC_TRAILING_METADATA, "x-count", 7, &value, &size) == PROXY_OK) {
        chat_size = put(chat, chat_size, value, size);
        free(value);
    }
}

WASM_EXPORT(proxy_on_grpc_close)
void proxy_on_grpc_close(uint32_t root_id, uint32_t token, uint32_t status) {
    if (!pending(token)) {
        stray++;
        return;
    }
    char out[256];
    size_t n;
    if (kinds[token % SLOTS] == CHAT) {
        n = put(out, 0, "stream:", 7);
        n = put(out, n, chat, chat_size);
        n = put(out, n, ";close=", 7);
        n = put_u32(out, n, status);
    } else {
        uint32_t code = 0;
        char *message = NULL;
        size_t size = 0;
        proxy_get_status(&code, &message, &size);
        n = put(out, 0, "close:", 6);
        n = put_u32(out, n, code);
        n = put(out, n, ":", 1);
        n = put(out, n, message, size);
        free(message);
    }
    resume(token);
    reply(out, n);
}
