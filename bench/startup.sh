#!/usr/bin/env bash
# Plugin start-up in the real gateway: how long until the Go example serves, from a fresh process.
#   cold    nothing in the compiled-code cache: the tiered start parses the module and serves on
#           the interpreter while the compile runs in the background
#   cached  the compiled code is on disk (a previous process compiled it)
# each with and without the launcher's class-data archive (bin/wasmgate records one per build).
# Per sample: a fresh `wasmgate run` with the plugin in its plugins directory; reported are the
# gateway's own "ready in N ms" (module bytes to a started VM on every worker) and the wall time
# from launching the JVM to that log line. Medians of RUNS samples (default 7).
# Usage: bench/startup.sh            knobs: RUNS=7 WORKERS=2 PLUGIN=examples/header-authorization/plugin.wasm
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-7}"
WORKERS="${WORKERS:-2}"
PLUGIN="$ROOT/${PLUGIN:-examples/header-authorization/plugin.wasm}"
WORK="$(mktemp -d /tmp/wasmgate-startup.XXXXXX)"
JAR="$ROOT/wasmgate-cli/target/wasmgate.jar"
trap 'kill "${GATEWAY_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# The launcher builds the jar and records the archive when either is missing or stale.
"$ROOT/bin/wasmgate" --version > /dev/null
ARCHIVE="$(ls -t "$ROOT"/wasmgate-cli/target/cds/*.jsa 2>/dev/null | head -1)"
[[ -n "$ARCHIVE" ]] || { echo "startup: no class-data archive under wasmgate-cli/target/cds" >&2; exit 1; }

mkdir -p "$WORK/plugins"
cat > "$WORK/plugins/go.yaml" <<YAML
apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: go-auth, namespace: istio-system}
spec:
  url: file://$PLUGIN
  phase: AUTHN
YAML

# One sample: prints "<ready ms> <launch-to-ready ms> <engine words>".
sample() {  # cache dir, then extra JVM flags
  local cache=$1; shift
  local out="$WORK/gateway.log" start line
  start=$(date +%s%N)
  java -XX:-DontCompileHugeMethods "$@" -Dwasmgate.home="$ROOT" -Dwasmgate.compiled.cache.dir="$cache" \
    -jar "$JAR" run --listen 127.0.0.1:0 --upstream 127.0.0.1:9 --admin 127.0.0.1:0 \
    --plugins "$WORK/plugins" --workers "$WORKERS" "${ENGINE_ARGS[@]}" > "$out" 2>&1 &
  GATEWAY_PID=$!
  for _ in $(seq 1 3000); do
    line="$(grep -m1 -o 'ready in [0-9]* ms on the .*' "$out" || true)"
    [[ -n "$line" ]] && break
    kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -20 "$out" >&2; exit 1; }
    sleep 0.01
  done
  local wall=$((($(date +%s%N) - start) / 1000000))
  kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
  [[ -n "$line" ]] || { echo "startup: no 'ready in' line after 30 s" >&2; tail -20 "$out" >&2; exit 1; }
  echo "$(awk '{print $3}' <<< "$line") $wall $(cut -d' ' -f6- <<< "$line")"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "startup: $(nproc) CPUs, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs, $WORKERS workers" >&2
echo "| start | class-data archive | plugin ready ms (median) | JVM launch → ready ms (median) | samples (ready ms) | engine |"
echo "|---|---|---|---|---|---|"
# Fill the cache once: on the compiler engine the entry is written before the plugin is ready.
ENGINE_ARGS=(--engine compiler)
sample "$WORK/cache-warm" > /dev/null
ENGINE_ARGS=()
for mode in cold cached; do
  for cds in off on; do
    flags=()
    [[ $cds == on ]] && flags=(-XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off)
    : > "$WORK/samples"
    for i in $(seq 1 "$RUNS"); do
      cache="$WORK/cache-warm"
      if [[ $mode == cold ]]; then cache="$WORK/cache-cold-$cds-$i"; fi
      sample "$cache" "${flags[@]}" >> "$WORK/samples"
    done
    echo "| $mode | $cds | $(cut -d' ' -f1 "$WORK/samples" | median) | $(cut -d' ' -f2 "$WORK/samples" | median) |" \
      "$(cut -d' ' -f1 "$WORK/samples" | sort -n | tr '\n' ' ')| $(cut -d' ' -f3- "$WORK/samples" | sort | uniq -c | sort -rn | head -1 | sed 's/^ *[0-9]* //') |"
  done
done
