#!/usr/bin/env bash
# Side-by-side throughput and latency on loopback, in one run:
#   direct (client -> nginx backend), nginx as reverse proxy, wasmgate without plugins,
#   wasmgate with the example Go plugin, wasmgate with the example C plugin.
# Topology (perf-method: pin on a 2-core box): client + backend on CPU0, the proxy under test on CPU1.
# Usage: bench/run.sh [seconds-per-run (default 15)] [runs (default 3)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-15}"
RUNS="${2:-3}"
CONNS=16
WORK="$(mktemp -d /tmp/wasmgate-bench.XXXXXX)"
BACKEND=18000 NGINX_PROXY=18001 GW=18080 GW_ADMIN=18150
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for tool in nginx wrk taskset; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install nginx-light wrk)" >&2; exit 1; }
done

log() { echo "bench: $*" >&2; }

# --- nginx: backend (CPU0) and reverse proxy (CPU1), one worker each, access logs off -------------
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/backend.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/backend.pid;
error_log $WORK/nginx/backend-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$BACKEND; location / { return 200 "hello from the backend\n"; } }
}
NGINX
cat > "$WORK/nginx/proxy.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/proxy.pid;
error_log $WORK/nginx/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_PROXY;
           location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
NGINX
taskset -c 0 nginx -c "$WORK/nginx/backend.conf" -g 'daemon off;' & PIDS+=($!)
taskset -c 1 nginx -c "$WORK/nginx/proxy.conf" -g 'daemon off;' & PIDS+=($!)

# --- wasmgate on CPU1 with one worker ---------------------------------------------------------------
"$ROOT/bin/wasmgate" --version >/dev/null   # builds the jar first if needed
mkdir -p "$WORK/plugins"
WASMGATE_JAVA_OPTS="-XX:ActiveProcessorCount=1 -Xms512m -Xmx512m" \
  taskset -c 1 "$ROOT/bin/wasmgate" run --listen "127.0.0.1:$GW" --upstream "127.0.0.1:$BACKEND" \
  --admin "127.0.0.1:$GW_ADMIN" --plugins "$WORK/plugins" --label istio=ingressgateway --workers 1 \
  > "$WORK/gateway.out" 2> "$WORK/gateway.err" & PIDS+=($!)
GW_PID=$!
for _ in $(seq 1 200); do curl -fs "127.0.0.1:$GW_ADMIN/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "127.0.0.1:$BACKEND/" >/dev/null || { echo "bench: backend did not start" >&2; exit 1; }

plugin_yaml() {  # name wasm-path
  cat <<YAML
apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: $1, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: file://$2
  phase: AUTHN
YAML
}

# wrk closed loop, client on CPU0; prints "rps p50_ms p99_ms"
measure() {  # port
  taskset -c 0 wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H 'allow: true' "http://127.0.0.1:$1/" \
    | awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} END {print rps, p50, p99}'
}
cpu_seconds() {  # pid -> utime+stime in seconds of the process
  awk '{print ($14+$15)/100}' "/proc/$1/stat"
}

declare -A RESULTS
run_case() {  # label port warmup-seconds [pid-for-cpu]
  local label=$1 port=$2 warm=$3 pid=${4:-}
  log "$label: warm-up ${warm}s"
  taskset -c 0 wrk -t1 -c"$CONNS" -d"${warm}s" -H 'allow: true' "http://127.0.0.1:$port/" >/dev/null
  for r in $(seq 1 "$RUNS"); do
    local c0 c1
    [[ -n "$pid" ]] && c0=$(cpu_seconds "$pid")
    local out; out=$(measure "$port")
    local cpu_us="-"
    if [[ -n "$pid" ]]; then
      c1=$(cpu_seconds "$pid")
      cpu_us=$(awk -v a="$c0" -v b="$c1" -v o="$out" -v d="$DURATION" 'BEGIN {split(o,f," "); printf "%.1f", (b-a)*1e6/(f[1]*d)}')
    fi
    log "$label run $r: $out cpu_us/req=$cpu_us"
    RESULTS["$label"]+="$out $cpu_us;"
  done
}

sleep 0.5; NGINX_PROXY_PID=$(pgrep -P "$(cat "$WORK/nginx/proxy.pid")" | head -1)  # the worker, which does the work
run_case direct "$BACKEND" 3
run_case nginx-proxy "$NGINX_PROXY" 3 "$NGINX_PROXY_PID"
run_case wasmgate "$GW" 20 "$GW_PID"

plugin_yaml header-authorization "$ROOT/examples/header-authorization/plugin.wasm" > "$WORK/go.yaml"
"$ROOT/bin/wasmgate" apply -f "$WORK/go.yaml" --admin "127.0.0.1:$GW_ADMIN" >&2
run_case wasmgate+go-plugin "$GW" 30 "$GW_PID"
"$ROOT/bin/wasmgate" delete -f "$WORK/go.yaml" --admin "127.0.0.1:$GW_ADMIN" >&2

plugin_yaml header-authorization-c "$ROOT/plugins/c/header-authorization/plugin.wasm" > "$WORK/c.yaml"
"$ROOT/bin/wasmgate" apply -f "$WORK/c.yaml" --admin "127.0.0.1:$GW_ADMIN" >&2
run_case wasmgate+c-plugin "$GW" 20 "$GW_PID"

# --- report: medians and ratios ---------------------------------------------------------------------
median() { tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() {  # label index
  echo "${RESULTS[$1]}" | tr ';' '\n' | awk -v i="$2" 'NF {print $i}' | sed 's/ms$//; s/us$/e-3/' | median
}
NGINX_RPS=$(field nginx-proxy 1)
NOPLUGIN_RPS=$(field wasmgate 1)
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "Command: bench/run.sh $DURATION $RUNS  (wrk -t1 -c$CONNS, ${DURATION}s x $RUNS runs, medians)"
echo
echo "| case | req/s | p50 (ms) | p99 (ms) | proxy CPU µs/req | × nginx proxy | × wasmgate no plugin |"
echo "|---|---|---|---|---|---|---|"
for label in direct nginx-proxy wasmgate wasmgate+go-plugin wasmgate+c-plugin; do
  rps=$(field "$label" 1); p50=$(field "$label" 2); p99=$(field "$label" 3); cpu=$(field "$label" 4 2>/dev/null || echo -)
  r1=$(awk -v a="$rps" -v b="$NGINX_RPS" 'BEGIN {printf "%.2f", a/b}')
  r2=$(awk -v a="$rps" -v b="$NOPLUGIN_RPS" 'BEGIN {printf "%.2f", a/b}')
  echo "| $label | $rps | $p50 | $p99 | ${cpu:--} | $r1 | $r2 |"
done
