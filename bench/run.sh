#!/usr/bin/env bash
# Side-by-side proxy benchmark on loopback, every case in ONE invocation so the ratios come from
# the same run (method: /work/shared/research/perf-method.md, summarised in BENCHMARKS.md):
#   direct        client -> nginx backend (return 200)                      no proxy
#   nginx         nginx reverse proxy, 1 worker, upstream keepalive         reference proxy
#   wasmgate      wasmgate, 1 worker, no plugin
#   go            + the tutorial Go plugin (examples/header-authorization), requests carry allow: true
#   gogc          + the same Go plugin with vmConfig.env GOGC=400 (not in the default CASES)
#   golimit       + the same Go plugin with GOGC=off and GOMEMLIMIT=${GOMEMLIMIT_VALUE:-64MiB} (not default)
#   gobase        + the Go plugin binary at GO_BASELINE_WASM (e.g. an earlier build; not default)
#   c             + the same plugin in C (plugins/c/header-authorization)
#   chain3        + 3 x plugins/c/chain-marker (tags a, b, c): 3 plugins on every request
#   body          + plugins/c/body-rewrite: buffers and rewrites the response body
# Pinning for a 2-core box: client (wrk, h2load) and backend on CPU0, the proxy under test on CPU1;
# wasmgate gets --workers 1 and -XX:ActiveProcessorCount=1. Each proxy case starts a fresh process.
# Per case: warm-up, then RUNS x (wrk -t1 closed loop for throughput, h2load --h1 at a fixed RATE
# below saturation for p50/p99), CPU time of the proxy process per request (utime+stime delta /
# requests) in both, RSS at the end. Medians over the runs; ratios to nginx and to wasmgate alone.
#
# Usage: bench/run.sh            (environment overrides below; e.g. CASES="nginx wasmgate go")
#   DURATION=15 RUNS=3 CONNS=16 RATE=4000 LATENCY_SECONDS=15 CASES="direct nginx wasmgate go c chain3 body"
#   WASMGATE_JAR=path/to/wasmgate.jar measures that jar (default: the one bin/wasmgate builds); it
#   is copied first, so a rebuild during the run cannot mix two versions.
#   WARMUP=SECONDS overrides every case's warm-up (a quick smoke run).
#   PROFILE=go (any gateway case) records a JFR profile of that case's first wrk run: bench/profile.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-15}"
RUNS="${RUNS:-3}"
CONNS="${CONNS:-16}"
RATE="${RATE:-4000}"
LATENCY_SECONDS="${LATENCY_SECONDS:-15}"
CASES="${CASES:-direct nginx wasmgate go c chain3 body}"
WORK="${WORK:-$(mktemp -d /tmp/wasmgate-bench.XXXXXX)}"
mkdir -p "$WORK"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
BACKEND=18000 NGINX_PROXY=18001 GW=18080 GW_ADMIN=18150

source "$ROOT/bench/lib.sh"
require_tools
trap stop_all EXIT
log "work directory $WORK (raw wrk/h2load output, gateway logs)"

start_backend
snapshot_gateway_jar

for case_name in $CASES; do
  case "$case_name" in
    direct)   measure_case direct "$BACKEND" "$(nginx_worker_pid backend)" 3 ;;
    nginx)    start_nginx_proxy; measure_case nginx "$NGINX_PROXY" "$(nginx_worker_pid proxy)" 3; stop_nginx_proxy ;;
    wasmgate) run_gateway_case wasmgate 20 ;;
    go)       run_gateway_case go 40 plugin_go ;;
    gogc)     run_gateway_case gogc 40 plugin_gogc ;;
    golimit)  run_gateway_case golimit 40 plugin_golimit ;;
    gobase)
      [[ -f "${GO_BASELINE_WASM:-}" ]] || { echo "bench: case gobase needs GO_BASELINE_WASM=<plugin.wasm>" >&2; exit 2; }
      run_gateway_case gobase 40 plugin_gobase ;;
    c)        run_gateway_case c 20 plugin_c ;;
    chain3)   run_gateway_case chain3 20 plugin_chain3 ;;
    body)
      if [[ -f "$ROOT/plugins/c/body-rewrite/plugin.wasm" ]]; then run_gateway_case body 20 plugin_body
      else log "body: plugins/c/body-rewrite/plugin.wasm is missing, case skipped"; fi ;;
    *) echo "bench: unknown case '$case_name' (known: direct nginx wasmgate go gogc golimit gobase c chain3 body)" >&2; exit 2 ;;
  esac
done

report
