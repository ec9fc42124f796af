// wasmgate's AssemblyScript conformance plugin. Each request picks a behaviour with header
// "x-mode"; the results come back as response headers (x-as-*) or local replies, so the suite
// can hold the SDK-built binary to the same behaviour as the Go and C plugins. The SDK finds its
// root context by root id, which is the WasmPlugin's spec.pluginName: it must be "conformance".
//
//   headers   "test" replaced by "best", "x-remove-me" removed, "x-as-added: yes" added; with
//             "x-set-pairs" the map is rewritten adding "x-pairs-set: yes"; the response gets
//             "x-as-header-count" (proxy_get_header_map_size of the request) and "x-as-log-level".
//   body      request body held to the end, then "(as)" prepended and "[as]" appended; the
//             response gets "x-as-body-size" (the held size from proxy_get_buffer_status).
//   callout   GET /status/<x-callout-status> on cluster "httpbin" (or "x-callout-cluster"): 200 adds
//             request header "x-as-callout: 200" and continues; another status answers 403
//             "as denied <status>"; a failed call answers 503 "as callout failed: <code>".
//   close     proxy_close_stream on the request.
//   shared    adds 1 to shared "as_counter" (CAS loop); response "x-as-shared: <n>".
//   queue     "x-enqueue: v" enqueues on "as_queue" (resolved by vm_id); every root registers it and
//             stores dequeued items in shared "as_dequeued"; response "x-as-dequeued".
//   tick      response "x-as-ticks": how often the 20 ms tick ran (shared "as_ticks").
//   metrics   counter, gauge and histogram "conformance_as.*"; response "x-as-metrics: c=<n>;g=<n>".
//   misc      response "x-as-property" (request.path), "x-as-set-property" (status),
//             "x-as-foreign" (clear_route_cache status), "x-as-unknown-foreign" (status),
//             "x-as-clear-route-cache" (status) and "x-as-clock" ("ok" when the time is plausible).
// The root context's onDone calls proxy_done and logs "proxy_done: <status>".
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, FilterDataStatusValues,
  stream_context, send_local_response, log, LogLevelValues, HeaderPair, Headers, GrpcStatusValues,
} from "@solo-io/proxy-runtime";
import * as imports from "@solo-io/proxy-runtime/imports";
import { proxy_set_buffer_bytes, proxy_get_log_level, encodePairs, Out } from "./abi";

const REQUEST_HEADERS = 0;
const REQUEST_BODY = 0;
const HTTP_CALL_RESPONSE_HEADERS = 6;
const COUNTER = 0;
const GAUGE = 1;
const HISTOGRAM = 2;

function bytes(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

function sharedGet(key: string, out: Out): u32 {
  let k = bytes(key);
  return imports.proxy_get_shared_data(changetype<usize>(k), k.byteLength, out.dataPtr(), out.sizePtr(), out.valuePtr());
}

function sharedAdd(key: string): u32 {
  while (true) {
    let out = new Out();
    let n: u32 = 0;
    let cas: u32 = 0;
    if (sharedGet(key, out) == 0) {
      n = out.size == 4 ? load<u32>(out.data) : 0;
      cas = <u32>load<u32>(out.valuePtr());
    }
    let next = new ArrayBuffer(4);
    store<u32>(changetype<usize>(next), n + 1);
    let k = bytes(key);
    if (imports.proxy_set_shared_data(changetype<usize>(k), k.byteLength, changetype<usize>(next), 4, cas) == 0) {
      return n + 1;
    }
  }
}

function sharedText(key: string): string {
  let out = new Out();
  return sharedGet(key, out) == 0 ? out.text() : "";
}

function sharedNumber(key: string): string {
  let out = new Out();
  return sharedGet(key, out) == 0 && out.size == 4 ? load<u32>(out.data).toString() : "0";
}

class Root extends RootContext {
  counter: u32 = 0;
  gauge: u32 = 0;
  histogram: u32 = 0;

  // Not calling super: proxy-runtime 0.1.8 passes the configuration size where the host expects
  // a pointer for the result size; this plugin reads no configuration.
  onConfigure(size: u32): bool {
    let name = bytes("as_queue");
    let id = new Out();
    imports.proxy_register_shared_queue(changetype<usize>(name), name.byteLength, id.valuePtr());
    this.counter = define(COUNTER, "conformance_as.requests");
    this.gauge = define(GAUGE, "conformance_as.active");
    this.histogram = define(HISTOGRAM, "conformance_as.sizes");
    imports.proxy_set_tick_period_milliseconds(20);
    return true;
  }

  onTick(): void {
    sharedAdd("as_ticks");
  }

  onQueueReady(token: u32): void {
    while (true) {
      let out = new Out();
      if (imports.proxy_dequeue_shared_queue(token, out.dataPtr(), out.sizePtr()) != 0) {
        return;
      }
      let item = out.text();
      log(LogLevelValues.info, "as dequeued " + item);
      let k = bytes("as_dequeued");
      let v = bytes(item);
      imports.proxy_set_shared_data(changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength, 0);
    }
  }

  onDone(): bool {
    log(LogLevelValues.info, "proxy_done: " + imports.proxy_done().toString());
    return false;
  }

  createContext(context_id: u32): Context {
    return new Stream(context_id, this);
  }
}

function define(kind: i32, name: string): u32 {
  let n = bytes(name);
  let id = new Out();
  imports.proxy_define_metric(kind, changetype<usize>(n), n.byteLength, id.valuePtr());
  return <u32>id.value;
}

function metricValue(id: u32): u64 {
  let out = new Out();
  imports.proxy_get_metric(id, out.valuePtr());
  return out.value;
}

function foreign(name: string): u32 {
  let n = bytes(name);
  let out = new Out();
  return imports.proxy_call_foreign_function(changetype<usize>(n), n.byteLength, 0, 0, out.dataPtr(), out.sizePtr());
}

class Stream extends Context {
  root: Root;
  mode: string = "";
  extra: Headers = [];

  constructor(context_id: u32, root: Root) {
    super(context_id, root);
    this.root = root;
  }

  respond(key: string, value: string): void {
    this.extra.push(new HeaderPair(bytes(key), bytes(value)));
  }

  onRequestHeaders(count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    let request = stream_context.headers.request;
    this.mode = request.get("x-mode");
    if (this.mode == "headers") {
      request.replace("test", "best");
      request.remove("x-remove-me");
      request.add("x-as-added", "yes");
      if (request.get("x-set-pairs") != "") {
        let keys: string[] = ["x-pairs-set"];
        let values: string[] = ["yes"];
        let all = request.get_headers();
        for (let i = 0; i < all.length; i++) {
          let key = String.UTF8.decode(all[i].key);
          if (key != "x-set-pairs") {
            keys.push(key);
            values.push(String.UTF8.decode(all[i].value));
          }
        }
        let pairs = encodePairs(keys, values);
        imports.proxy_set_header_map_pairs(REQUEST_HEADERS, changetype<usize>(pairs), pairs.byteLength);
      }
      let size = new Out();
      imports.proxy_get_header_map_size(REQUEST_HEADERS, size.sizePtr());
      this.respond("x-as-header-count", size.size.toString());
      let level = new Out();
      proxy_get_log_level(level.sizePtr());
      this.respond("x-as-log-level", level.size.toString());
    } else if (this.mode == "callout") {
      return this.callout(request.get("x-callout-status"), request.get("x-callout-cluster"));
    } else if (this.mode == "close") {
      imports.proxy_close_stream(0);
      return FilterHeadersStatusValues.StopIteration;
    } else if (this.mode == "shared") {
      this.respond("x-as-shared", sharedAdd("as_counter").toString());
    } else if (this.mode == "queue") {
      let item = request.get("x-enqueue");
      if (item != "") this.enqueue(item);
    } else if (this.mode == "metrics") {
      imports.proxy_increment_metric(this.root.counter, 1);
      imports.proxy_increment_metric(this.root.gauge, 5);
      imports.proxy_increment_metric(this.root.gauge, -2);
      imports.proxy_record_metric(this.root.histogram, 42);
      this.respond("x-as-metrics", "c=" + metricValue(this.root.counter).toString() + ";g=" + metricValue(this.root.gauge).toString());
    } else if (this.mode == "misc") {
      this.misc();
    }
    return FilterHeadersStatusValues.Continue;
  }

  misc(): void {
    let path = bytes("request\0path");
    let out = new Out();
    imports.proxy_get_property(changetype<usize>(path), path.byteLength, out.dataPtr(), out.sizePtr());
    this.respond("x-as-property", out.text());
    let key = bytes("conformance\0language");
    let value = bytes("assemblyscript");
    this.respond("x-as-set-property", imports.proxy_set_property(changetype<usize>(key), key.byteLength,
      changetype<usize>(value), value.byteLength).toString());
    this.respond("x-as-foreign", foreign("clear_route_cache").toString());
    this.respond("x-as-unknown-foreign", foreign("no_such_function").toString());
    this.respond("x-as-clear-route-cache", imports.proxy_clear_route_cache().toString());
    let now = new Out();
    imports.proxy_get_current_time_nanoseconds(now.valuePtr());
    // After 2020-01-01 and before 2100: a wall clock in nanoseconds.
    this.respond("x-as-clock", now.value > 1577836800000000000 && now.value < 4102444800000000000 ? "ok" : now.value.toString());
  }

  enqueue(item: string): void {
    let vm = bytes("plugin_vm_id");
    let vmId = new Out();
    imports.proxy_get_property(changetype<usize>(vm), vm.byteLength, vmId.dataPtr(), vmId.sizePtr());
    let vmIdBytes = bytes(vmId.text());
    let name = bytes("as_queue");
    let id = new Out();
    if (imports.proxy_resolve_shared_queue(changetype<usize>(vmIdBytes), vmIdBytes.byteLength,
        changetype<usize>(name), name.byteLength, id.valuePtr()) == 0) {
      let data = bytes(item);
      imports.proxy_enqueue_shared_queue(<u32>id.value, changetype<usize>(data), data.byteLength);
    }
  }

  callout(status: string, cluster: string): FilterHeadersStatusValues {
    let headers: Headers = [
      new HeaderPair(bytes(":method"), bytes("GET")),
      new HeaderPair(bytes(":path"), bytes("/status/" + status)),
      new HeaderPair(bytes(":authority"), bytes("httpbin")),
    ];
    // Not `cluster == "" ? "httpbin" : cluster`: asc 0.17.14 does not retain a local picked by a
    // conditional expression yet releases it at scope exit, so the caller's header-value string
    // was freed twice and the allocator's free lists corrupted (later traps in any callback).
    let target = "httpbin";
    if (cluster != "") target = cluster;
    let result = this.root.httpCall(target, headers, new ArrayBuffer(0), [], 5000, this,
      (origin: Context, headers: u32, body_size: usize, trailers: u32): void => {
        let code = new Out();
        let message = new Out();
        imports.proxy_get_status(code.valuePtr(), message.dataPtr(), message.sizePtr());
        if (headers == 0) {
          send_local_response(503, "", bytes("as callout failed: " + (<u32>code.value).toString() + " " + message.text()), [], GrpcStatusValues.Unknown);
          return;
        }
        let answer = stream_context.headers.http_callback.get(":status");
        if (answer != "200") {
          send_local_response(403, "", bytes("as denied " + answer), [], GrpcStatusValues.Unknown);
          return;
        }
        stream_context.headers.request.add("x-as-callout", answer);
        imports.proxy_continue_stream(0);
      });
    if (result != 0) {
      send_local_response(500, "", bytes("as callout refused"), [], GrpcStatusValues.Unknown);
    }
    return FilterHeadersStatusValues.StopIteration;
  }

  onRequestBody(body_size: usize, end_of_stream: bool): FilterDataStatusValues {
    if (this.mode != "body") return FilterDataStatusValues.Continue;
    if (!end_of_stream) return FilterDataStatusValues.StopIterationAndBuffer;
    let size = new Out();
    let flags = new Out();
    imports.proxy_get_buffer_status(REQUEST_BODY, size.sizePtr(), flags.valuePtr());
    this.respond("x-as-body-size", size.size.toString());
    let front = bytes("(as)");
    proxy_set_buffer_bytes(REQUEST_BODY, 0, 0, changetype<usize>(front), front.byteLength);
    let back = bytes("[as]");
    let now = new Out();
    imports.proxy_get_buffer_status(REQUEST_BODY, now.sizePtr(), flags.valuePtr());
    proxy_set_buffer_bytes(REQUEST_BODY, <u32>now.size, 0, changetype<usize>(back), back.byteLength);
    return FilterDataStatusValues.Continue;
  }

  onResponseHeaders(count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    let response = stream_context.headers.response;
    for (let i = 0; i < this.extra.length; i++) {
      response.add(String.UTF8.decode(this.extra[i].key), String.UTF8.decode(this.extra[i].value));
    }
    if (this.mode == "queue") response.add("x-as-dequeued", sharedText("as_dequeued"));
    if (this.mode == "tick") response.add("x-as-ticks", sharedNumber("as_ticks"));
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32): RootContext => new Root(context_id), "conformance");
