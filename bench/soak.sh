#!/usr/bin/env bash
# Memory soak: the gateway with the tutorial Go plugin under a fixed request rate for MINUTES,
# sampling every INTERVAL seconds what could grow: the process RSS, the Java heap after a full GC,
# the plugin's linear memory and VM count (from /stats), and the GC'd heap's live object count.
# Prints one table row per sample and a verdict comparing the first sample after warm-up with the
# last. Same pinning as bench/run.sh: client and backend on CPU0, gateway on CPU1, 1 worker.
#
# Usage: bench/soak.sh            (environment overrides: MINUTES=10 INTERVAL=30 RATE=2000 WARMUP=60)
#   WASMGATE_JAR=path/to/wasmgate.jar measures that jar (default: the one bin/wasmgate builds).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES="${MINUTES:-10}"
INTERVAL="${INTERVAL:-30}"
RATE="${RATE:-2000}"
WARMUP="${WARMUP:-60}"
CONNS=16 DURATION=0 RUNS=0 LATENCY_SECONDS=0
WORK="${WORK:-$(mktemp -d /tmp/wasmgate-soak.XXXXXX)}"
mkdir -p "$WORK"
BACKEND=18000 NGINX_PROXY=18001 GW=18080 GW_ADMIN=18150

source "$ROOT/bench/lib.sh"
require_tools
command -v jcmd >/dev/null || { echo "soak: jcmd (from the JDK) is needed" >&2; exit 1; }
trap stop_all EXIT
log "work directory $WORK"

start_backend
snapshot_gateway_jar

dir="$WORK/plugins"
mkdir -p "$dir"
plugin_go "$dir"
gateway_yaml "$dir" > "$WORK/gateway.yaml"
taskset -c 1 java -XX:-DontCompileHugeMethods -XX:ActiveProcessorCount=1 -Xms512m -Xmx512m \
  -Dwasmgate.home="$ROOT" -jar "$WORK/wasmgate.jar" run -c "$WORK/gateway.yaml" --workers 1 \
  > "$WORK/gateway.out" 2> "$WORK/gateway.err" &
GW_PID=$!
PIDS+=("$GW_PID")
wait_until "wasmgate" 120 probe_go || { tail -20 "$WORK/gateway.err" >&2; exit 1; }

stat_value() {  # name: the first /stats line "name...: value" for the Go plugin, or 0
  curl -s "127.0.0.1:$GW_ADMIN/stats" | awk -v n="$1" 'index($0, n) == 1 && /go-auth/ {print $NF; exit}' | grep . || echo 0
}
heap_after_gc_kb() {  # used heap right after a full GC, in KiB
  jcmd "$GW_PID" GC.run >/dev/null
  jcmd "$GW_PID" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen|ParOldGen|tenured/ && /used/ {
      for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); s += v}} END {print s + 0}'
}
sample() {  # elapsed-seconds
  printf "| %5d | %6s | %8s | %10s | %3s | %8s |\n" "$1" "$(rss_mb "$GW_PID")" \
    "$(( $(heap_after_gc_kb) / 1024 ))" "$(( $(stat_value wasm.plugin.memory_bytes) / 1024 ))" \
    "$(stat_value wasm.plugin.vms)" "$(stat_value wasm.plugin.calls)"
}

# The load: one long open-loop h2load at RATE for warm-up plus the soak, in the background.
total=$(( WARMUP + MINUTES * 60 ))
per_client=$(( (RATE + CONNS - 1) / CONNS ))
log "warm-up ${WARMUP}s, then ${MINUTES} min at $RATE req/s, a sample every ${INTERVAL}s"
taskset -c 0 h2load --h1 -t1 -c"$CONNS" --rps="$per_client" -D "$total" -H 'allow: true' \
  "http://127.0.0.1:$GW/" > "$WORK/h2load.txt" &
LOAD_PID=$!
PIDS+=("$LOAD_PID")
sleep "$WARMUP"

echo "| t (s) | RSS MB | heap MB after GC | plugin linear memory KiB | VMs | plugin callbacks |"
echo "|---|---|---|---|---|---|"
start=$(date +%s)
sample 0 | tee "$WORK/samples.md"
while (( $(date +%s) - start < MINUTES * 60 )); do
  sleep "$INTERVAL"
  sample "$(( $(date +%s) - start ))" | tee -a "$WORK/samples.md"
done
wait "$LOAD_PID" || true

failed=$(awk '/^requests:/ {n = $10 + $12 + $14} /^status codes:/ {n += $7 + $9} END {print n + 0}' "$WORK/h2load.txt")
done_requests=$(awk '/^requests:/ {print $6}' "$WORK/h2load.txt")
echo
echo "requests: $done_requests succeeded, $failed failed (h2load: $(grep '^requests:' "$WORK/h2load.txt"))"
awk -F'|' 'NR == 1 {r0 = $3; h0 = $4; m0 = $5} {r = $3; h = $4; m = $5}
  END {printf "growth first -> last sample: RSS %+d MB, heap after GC %+d MB, plugin linear memory %+d KiB\n",
       r - r0, h - h0, m - m0}' "$WORK/samples.md"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
