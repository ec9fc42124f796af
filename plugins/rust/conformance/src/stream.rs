//! One HTTP stream: the behaviour its "x-mode" header picks (see the crate documentation).

use crate::{shared, Metrics, QUEUE};
use proxy_wasm::hostcalls;
use proxy_wasm::traits::{Context, HttpContext};
use proxy_wasm::types::Action;
use std::time::{Duration, UNIX_EPOCH};

/// 2020-01-01 and 2100-01-01 in seconds since the epoch: a plausible wall clock lies between.
const PLAUSIBLE_CLOCK: std::ops::Range<u64> = 1_577_836_800..4_102_444_800;

pub struct Stream {
    metrics: Metrics,
    configuration: String,
    mode: String,
    /// Response headers to add once the response arrives.
    extra: Vec<(String, String)>,
}

impl Stream {
    pub fn new(metrics: Metrics, configuration: String) -> Self {
        Stream {
            metrics,
            configuration,
            mode: String::new(),
            extra: Vec::new(),
        }
    }

    fn respond(&mut self, name: &str, value: impl ToString) {
        self.extra.push((name.to_string(), value.to_string()));
    }

    fn header_or(&self, name: &str, absent: &str) -> String {
        self.get_http_request_header(name)
            .unwrap_or_else(|| absent.to_string())
    }

    fn headers(&mut self, count: usize) {
        let pairs = self.get_http_request_headers();
        self.respond("x-rust-header-count", count);
        self.respond("x-rust-pairs", pairs.len());
        let was = self.header_or("test", "");
        self.respond("x-rust-test-was", &was);
        self.set_http_request_header("test", Some("best"));
        self.remove_http_request_header("x-remove-me");
        self.add_http_request_header("x-rust-added", "yes");
        if self.get_http_request_header("x-set-pairs").is_some() {
            let current = self.get_http_request_headers();
            let mut rewritten: Vec<(&str, &str)> = vec![("x-pairs-set", "yes")];
            rewritten.extend(
                current
                    .iter()
                    .filter(|(name, _)| name != "x-set-pairs")
                    .map(|(n, v)| (n.as_str(), v.as_str())),
            );
            self.set_http_request_headers(rewritten);
        }
        log::info!("rust request header test: {} -> best", was);
    }

    fn callout(&mut self) -> Action {
        let path = self
            .get_http_request_header("x-callout-path")
            .unwrap_or_else(|| format!("/status/{}", self.header_or("x-callout-status", "200")));
        let cluster = self.header_or("x-callout-cluster", "httpbin");
        let timeout = millis(&self.header_or("x-callout-timeout-ms", "5000"));
        let headers = vec![
            (":method", "GET"),
            (":path", path.as_str()),
            (":authority", "httpbin"),
        ];
        match self.dispatch_http_call(&cluster, headers, None, vec![], timeout) {
            Ok(_) => Action::Pause,
            Err(status) => self.reply(500, &format!("rust callout refused: {:?}", status)),
        }
    }

    fn grpc(&mut self) -> Action {
        let cluster = self.header_or("x-grpc-cluster", "grpc");
        let method = self.header_or("x-grpc-method", "Unary");
        let name = self.header_or("x-grpc-name", "");
        let timeout = millis(&self.header_or("x-grpc-timeout-ms", "5000"));
        let metadata: Vec<(&str, &[u8])> = vec![("x-who", b"rust")];
        match self.dispatch_grpc_call(
            &cluster,
            "test.Echo",
            &method,
            metadata,
            Some(name.as_bytes()),
            timeout,
        ) {
            Ok(_) => Action::Pause,
            Err(status) => self.reply(500, &format!("rust grpc refused: {:?}", status)),
        }
    }

    fn metrics(&mut self) {
        let m = self.metrics;
        let updated = hostcalls::increment_metric(m.counter, 1)
            .and_then(|_| hostcalls::increment_metric(m.gauge, 5))
            .and_then(|_| hostcalls::increment_metric(m.gauge, -2))
            .and_then(|_| hostcalls::record_metric(m.histogram, 42))
            .and_then(|_| {
                Ok((
                    hostcalls::get_metric(m.counter)?,
                    hostcalls::get_metric(m.gauge)?,
                ))
            });
        match updated {
            Ok((counter, gauge)) => {
                self.respond("x-rust-metrics", format!("c={};g={}", counter, gauge))
            }
            Err(status) => self.respond("x-rust-metrics", format!("{:?}", status)),
        }
    }

    fn enqueue(&mut self, item: &str) {
        let vm_id = self.get_property(vec!["plugin_vm_id"]).unwrap_or_default();
        match self.resolve_shared_queue(&String::from_utf8_lossy(&vm_id), QUEUE) {
            Some(queue) => {
                if let Err(status) = self.enqueue_shared_queue(queue, Some(item.as_bytes())) {
                    self.respond("x-rust-enqueued", format!("{:?}", status));
                }
            }
            None => self.respond("x-rust-enqueued", "no queue"),
        }
    }

    fn misc(&mut self) {
        let config = self.configuration.clone();
        self.respond("x-rust-config", config);
        let now = self
            .get_current_time()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        self.respond(
            "x-rust-clock",
            if PLAUSIBLE_CLOCK.contains(&now) {
                "ok".to_string()
            } else {
                now.to_string()
            },
        );
    }

    /// Adds "x-prop-<path>" to the response for each dotted path the request names.
    fn properties(&mut self) {
        let wanted = self.header_or("x-property", "");
        for path in wanted.split(',').filter(|p| !p.is_empty()) {
            let text = match hostcalls::get_property(path.split('.').collect()) {
                Ok(Some(value)) if is_integer(path) && value.len() == 8 => {
                    u64::from_le_bytes(value[..8].try_into().unwrap()).to_string()
                }
                Ok(Some(value)) => String::from_utf8_lossy(&value).into_owned(),
                Ok(None) => "not found".to_string(),
                Err(status) => format!("{:?}", status),
            };
            self.extra.push((format!("x-prop-{}", path), text));
        }
    }

    fn reply(&self, status: u32, body: &str) -> Action {
        self.send_http_response(status, vec![], Some(body.as_bytes()));
        Action::Pause
    }
}

fn millis(text: &str) -> Duration {
    Duration::from_millis(text.parse().unwrap_or(5000))
}

fn is_integer(path: &str) -> bool {
    path.ends_with("port") || path.ends_with("size") || path.ends_with("code")
}

impl Context for Stream {
    fn on_http_call_response(
        &mut self,
        _token: u32,
        headers: usize,
        _body_size: usize,
        _trailers: usize,
    ) {
        if headers == 0 {
            self.reply(502, "rust callout failed");
            return;
        }
        let status = self
            .get_http_call_response_header(":status")
            .unwrap_or_default();
        if status != "200" {
            self.reply(403, &format!("rust denied {}", status));
            return;
        }
        self.add_http_request_header("x-rust-callout", &status);
        self.resume_http_request();
    }

    fn on_grpc_call_response(&mut self, _token: u32, status: u32, size: usize) {
        let body = match self.get_grpc_call_response_body(0, size) {
            Some(reply) if status == 0 => format!("grpc:{}", String::from_utf8_lossy(&reply)),
            _ => {
                let (code, message) = self.get_grpc_status();
                format!("grpc-close:{}:{}", code, message.unwrap_or_default())
            }
        };
        self.reply(200, &body);
    }
}

impl HttpContext for Stream {
    fn on_http_request_headers(&mut self, count: usize, _end_of_stream: bool) -> Action {
        self.set_property(vec!["conformance", "language"], Some(b"rust"));
        self.mode = self.header_or("x-mode", "");
        match self.mode.as_str() {
            "headers" => self.headers(count),
            "callout" => return self.callout(),
            "grpc" => return self.grpc(),
            "local" => {
                self.send_http_response(
                    418,
                    vec![("x-rust-local", "yes")],
                    Some(b"short and stout"),
                );
                return Action::Pause;
            }
            "shared" => {
                let n = shared::add("rust_counter");
                self.respond("x-rust-shared", n);
            }
            "queue" => {
                if let Some(item) = self.get_http_request_header("x-enqueue") {
                    self.enqueue(&item);
                }
            }
            "metrics" => self.metrics(),
            "misc" => self.misc(),
            _ => {}
        }
        Action::Continue
    }

    fn on_http_request_body(&mut self, size: usize, end_of_stream: bool) -> Action {
        if self.mode != "body" {
            return Action::Continue;
        }
        if !end_of_stream {
            return Action::Pause;
        }
        self.respond("x-rust-body-size", size);
        self.set_http_request_body(0, 0, b"(rust)");
        self.set_http_request_body(size + "(rust)".len(), 0, b"[rust]");
        Action::Continue
    }

    fn on_http_response_headers(&mut self, _count: usize, _end_of_stream: bool) -> Action {
        match self.mode.as_str() {
            "properties" => self.properties(),
            "queue" => self.respond("x-rust-dequeued", shared::text("rust_dequeued", "")),
            "tick" => self.respond("x-rust-ticks", shared::text("rust_ticks", "0")),
            _ => {}
        }
        for (name, value) in &self.extra {
            self.add_http_response_header(name, value);
        }
        Action::Continue
    }
}
