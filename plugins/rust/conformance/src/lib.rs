//! wasmgate's Rust conformance plugin, built with the proxy-wasm Rust SDK (ABI 0.2.1, `_initialize`,
//! `proxy_on_memory_allocate`). Each request picks one behaviour with header `x-mode`; results come
//! back as response headers (`x-rust-*`) or local replies, so the suite can hold an SDK-built Rust
//! binary to the same behaviours as the Go, C and AssemblyScript plugins.
//!
//!   headers   "test" replaced by "best", "x-remove-me" removed, "x-rust-added: yes" added; with
//!             "x-set-pairs" the whole map is rewritten with "x-pairs-set: yes" and without
//!             "x-set-pairs". The response gets "x-rust-header-count" (the callback's count),
//!             "x-rust-pairs" (pairs read back) and "x-rust-test-was" (the value before replacing).
//!   body      request body held to its end, then "(rust)" prepended and "[rust]" appended; the
//!             response gets "x-rust-body-size" (the held size).
//!   callout   GET /status/<x-callout-status> (or <x-callout-path>) on cluster "httpbin" (or
//!             <x-callout-cluster>) with timeout <x-callout-timeout-ms> (default 5000): 200 adds
//!             request header "x-rust-callout: 200" and resumes; another status (the gateway's
//!             own 503 or 504 included) answers 403 "rust denied <status>"; no response at all
//!             answers 502 "rust callout failed"; a refused dispatch answers 500
//!             "rust callout refused: <status>".
//!   grpc      unary gRPC callout test.Echo/<x-grpc-method> (default Unary) with message
//!             <x-grpc-name> and metadata "x-who: rust" on cluster "grpc" (or <x-grpc-cluster>),
//!             timeout <x-grpc-timeout-ms> (default 5000); answers 200 "grpc:<reply>", or
//!             "grpc-close:<code>:<message>" when the call ends without a reply, or 500
//!             "rust grpc refused: <status>" when the dispatch is refused.
//!   shared    adds 1 to shared "rust_counter" (CAS loop); response "x-rust-shared: <n>".
//!   queue     "x-enqueue: v" enqueues v on "rust_queue" (resolved by plugin_vm_id); every root
//!             registers the queue and stores dequeued items in shared "rust_dequeued"
//!             (logging "rust dequeued <v>"); the response carries "x-rust-dequeued".
//!   tick      response "x-rust-ticks": how often the 20 ms tick ran (shared "rust_ticks").
//!   metrics   counter, gauge (+5 then -2) and histogram (42) "conformance_rust.*"; response
//!             "x-rust-metrics: c=<counter>;g=<gauge>".
//!   properties "x-prop-<path>" for each dotted path in "x-property" ("not found" when absent);
//!             integers (paths ending in port, size or code) as decimal. Every request first sets
//!             property "conformance.language" to "rust".
//!   local     answers 418 "short and stout" with "x-rust-local: yes" without reaching upstream.
//!   misc      response "x-rust-config" (the plugin configuration) and "x-rust-clock" ("ok" when
//!             the host's clock reads a plausible wall time).
//! The root context logs "rust conformance configured: <configuration>" at info.

mod shared;
mod stream;

use proxy_wasm::hostcalls;
use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{ContextType, LogLevel, MetricType};
use std::time::Duration;

const QUEUE: &str = "rust_queue";
const TICK: Duration = Duration::from_millis(20);

proxy_wasm::main! {{
    proxy_wasm::set_log_level(LogLevel::Trace);
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root::default()) });
}}

/// Metric ids, defined once per VM when the plugin is configured.
#[derive(Clone, Copy, Default)]
struct Metrics {
    counter: u32,
    gauge: u32,
    histogram: u32,
}

#[derive(Default)]
struct Root {
    metrics: Metrics,
    configuration: String,
}

impl Context for Root {}

impl RootContext for Root {
    fn on_configure(&mut self, _size: usize) -> bool {
        let configuration = self.get_plugin_configuration().unwrap_or_default();
        self.configuration = String::from_utf8_lossy(&configuration).into_owned();
        log::info!("rust conformance configured: {}", self.configuration);
        self.register_shared_queue(QUEUE);
        self.metrics = match define_metrics() {
            Ok(metrics) => metrics,
            Err(status) => {
                log::error!("cannot define metrics: {:?}", status);
                return false;
            }
        };
        self.set_tick_period(TICK);
        true
    }

    fn on_tick(&mut self) {
        shared::add("rust_ticks");
    }

    fn on_queue_ready(&mut self, queue_id: u32) {
        while let Ok(Some(item)) = self.dequeue_shared_queue(queue_id) {
            log::info!("rust dequeued {}", String::from_utf8_lossy(&item));
            if let Err(status) = self.set_shared_data("rust_dequeued", Some(&item), None) {
                log::error!("cannot store the dequeued item: {:?}", status);
            }
        }
    }

    fn create_http_context(&self, _context_id: u32) -> Option<Box<dyn HttpContext>> {
        Some(Box::new(stream::Stream::new(
            self.metrics,
            self.configuration.clone(),
        )))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

fn define_metrics() -> Result<Metrics, proxy_wasm::types::Status> {
    Ok(Metrics {
        counter: hostcalls::define_metric(MetricType::Counter, "conformance_rust.requests")?,
        gauge: hostcalls::define_metric(MetricType::Gauge, "conformance_rust.active")?,
        histogram: hostcalls::define_metric(MetricType::Histogram, "conformance_rust.sizes")?,
    })
}
