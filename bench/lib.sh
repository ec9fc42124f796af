# Functions of bench/run.sh (sourced): processes under test, load generators, measurements, report.
# Expects ROOT WORK DURATION RUNS CONNS RATE LATENCY_SECONDS BACKEND NGINX_PROXY GW GW_ADMIN.

PIDS=()
log() { echo "bench: $*" >&2; }

require_tools() {
  local missing=()
  for tool in nginx wrk h2load taskset curl java; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if ((${#missing[@]})); then
    echo "bench: missing ${missing[*]}. These are benchmark tools, not test dependencies; on Debian/Ubuntu:" >&2
    echo "  apt-get install -y nginx-light wrk nghttp2-client util-linux curl   (java: a JDK 17+)" >&2
    exit 1
  fi
  (($(nproc) >= 2)) || { echo "bench: needs 2 CPUs (client+backend on CPU0, proxy on CPU1)" >&2; exit 1; }
}

stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }

# ---------------------------------------------------------------------------------- nginx ----
nginx_conf() {  # name, then the server block
  cat > "$WORK/$1.conf" <<NGINX
worker_processes 1;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 4096; }
http {
  keepalive_requests 1000000;
  $2
}
NGINX
}

start_backend() {
  nginx_conf backend "access_log off;
  server { listen 127.0.0.1:$BACKEND; location / { return 200 \"hello from the backend\\n\"; } }"
  taskset -c 0 nginx -c "$WORK/backend.conf" -g 'daemon off;' & PIDS+=($!)
  wait_until "backend" 10 curl -fs "127.0.0.1:$BACKEND/" -o /dev/null
}

# The reference proxy writes an access log like wasmgate does (formatted, then discarded).
start_nginx_proxy() {
  nginx_conf proxy "access_log /dev/null combined buffer=32k;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_PROXY;
           location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
  taskset -c 1 nginx -c "$WORK/proxy.conf" -g 'daemon off;' & NGINX_PROXY_MASTER=$!
  wait_until "nginx proxy" 10 curl -fs "127.0.0.1:$NGINX_PROXY/" -o /dev/null
}
stop_nginx_proxy() { kill "$NGINX_PROXY_MASTER"; wait "$NGINX_PROXY_MASTER" 2>/dev/null || true; }

nginx_worker_pid() { pgrep -P "$(cat "$WORK/$1.pid")" | head -1; }  # the worker does the work

# ------------------------------------------------------------------------------- wasmgate ----
snapshot_gateway_jar() {
  local jar="${WASMGATE_JAR:-}"
  if [[ -z "$jar" ]]; then
    "$ROOT/bin/wasmgate" --version >/dev/null   # builds the jar when sources changed
    jar="$ROOT/wasmgate-cli/target/wasmgate.jar"
  fi
  cp "$jar" "$WORK/wasmgate.jar"
  log "measuring $jar ($(date -r "$jar" '+%F %T'), sha256 $(sha256sum "$jar" | cut -c1-12))"
}

# The gateway's access log goes to /dev/null: formatted and written, but not stored.
gateway_yaml() {  # plugins-dir
  cat <<YAML
labels: {istio: ingressgateway}
admin: {address: 127.0.0.1:$GW_ADMIN}
pluginsDir: $1
accessLog: {path: /dev/null}
listeners:
- name: bench
  address: 127.0.0.1:$GW
  routes: [{name: backend, match: {prefix: /}, cluster: backend}]
clusters:
- {name: backend, endpoints: ["127.0.0.1:$BACKEND"]}
YAML
}

plugin_yaml() {  # name wasm-path priority [pluginConfig JSON]
  cat <<YAML
apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: $1, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: file://$2
  phase: AUTHN
  priority: $3
YAML
  [[ -n "${4:-}" ]] && echo "  pluginConfig: $4"
  return 0
}

# Each plugin case: write its WasmPlugin YAML into DIR, and a probe that passes once it is active.
plugin_go() { plugin_yaml go-auth "$ROOT/examples/header-authorization/plugin.wasm" 0 > "$1/go.yaml"; }
plugin_c() { plugin_yaml c-auth "$ROOT/plugins/c/header-authorization/plugin.wasm" 0 > "$1/c.yaml"; }
# The Go plugin with its GC tuned through Istio's vmConfig.env (GOGC=400: collect 4x less often).
plugin_gogc() {
  plugin_yaml go-auth "$ROOT/examples/header-authorization/plugin.wasm" 0 > "$1/go.yaml"
  printf '  vmConfig:\n    env:\n    - {name: GOGC, value: "400"}\n' >> "$1/go.yaml"
}
# GC off until the heap reaches a soft limit: the Go runtime collects only when it must.
plugin_golimit() {
  plugin_yaml go-auth "$ROOT/examples/header-authorization/plugin.wasm" 0 > "$1/go.yaml"
  printf '  vmConfig:\n    env:\n    - {name: GOGC, value: "off"}\n    - {name: GOMEMLIMIT, value: "%s"}\n' \
    "${GOMEMLIMIT_VALUE:-64MiB}" >> "$1/go.yaml"
}
# Another build of the Go plugin (GO_BASELINE_WASM), e.g. an earlier commit's, for a before/after
# in the same run.
plugin_gobase() { plugin_yaml go-auth "$GO_BASELINE_WASM" 0 > "$1/go.yaml"; }
plugin_chain3() {
  local p=30
  for tag in a b c; do
    plugin_yaml "marker-$tag" "$ROOT/plugins/c/chain-marker/plugin.wasm" $((p--)) "{tag: $tag}" > "$1/$tag.yaml"
  done
}
plugin_body() { plugin_yaml body-rewrite "$ROOT/plugins/c/body-rewrite/plugin.wasm" 0 > "$1/body.yaml"; }
probe_wasmgate() { curl -fs "127.0.0.1:$GW/" -o /dev/null; }
probe_go() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$GW/")" == 403 ]] && probe_allowed; }
probe_c() { probe_go; }
probe_gogc() { probe_go; }
probe_golimit() { probe_go; }
probe_gobase() { probe_go; }
probe_chain3() { [[ "$(curl -s -D - -o /dev/null "127.0.0.1:$GW/" | grep -ci '^x-chain-response')" == 3 ]]; }
probe_body() { curl -s "127.0.0.1:$GW/" | grep -q 'rewritten('; }
probe_allowed() { curl -fs -H 'allow: true' "127.0.0.1:$GW/" -o /dev/null; }

run_gateway_case() {  # case warm-up-seconds [plugin-setup-function]
  local name=$1 warm=$2 setup=${3:-} dir="$WORK/plugins-$1" opts
  mkdir -p "$dir"
  [[ -n "$setup" ]] && "$setup" "$dir"
  gateway_yaml "$dir" > "$WORK/gateway-$name.yaml"
  opts="-XX:ActiveProcessorCount=1 -Xms512m -Xmx512m"
  # The flags bin/wasmgate passes, on the snapshot of the jar.
  taskset -c 1 java -XX:-DontCompileHugeMethods $opts -Dwasmgate.home="$ROOT" -jar "$WORK/wasmgate.jar" \
    run -c "$WORK/gateway-$name.yaml" --workers 1 \
    > "$WORK/gateway-$name.out" 2> "$WORK/gateway-$name.err" &
  local pid=$!
  wait_until "wasmgate ($name)" 120 "probe_$name" || { tail -20 "$WORK/gateway-$name.err" >&2; exit 1; }
  measure_case "$name" "$GW" "$pid" "$warm"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# A JFR settings file: the "profile" preset with Java samples every 1 ms instead of 10 ms.
profile_settings() {
  local jfc="$WORK/profile-1ms.jfc"
  [[ -f "$jfc" ]] || sed '/jdk.ExecutionSample/,/<\/event>/ s/>10 ms</>1 ms</' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$jfc"
  echo "$jfc"
}

wait_until() {  # what seconds command...
  local what=$1 limit=$2; shift 2
  for _ in $(seq 1 $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  log "$what did not come up within ${limit}s"; return 1
}

# ---------------------------------------------------------------------------- measurement ----
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }                 # utime+stime of a process
cpu0_ticks() { awk '/^cpu0 / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat; }  # total idle
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
TICK=$(getconf CLK_TCK)

wrk_ms() { sed -E 's/us$/e-3/; s/ms$//; s/([0-9.])s$/\1e3/' <<< "$1" | awk '{printf "%.3f", $1}'; }

# One closed-loop wrk run: "rps p50 p99 cpu_us_per_req errors cpu0_busy_percent".
wrk_run() {  # port pid out-file
  local c0 c1 t0 t1 out
  c0=$(cpu_ticks "$2"); read -r t0 i0 < <(cpu0_ticks)
  taskset -c 0 wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H 'allow: true' "http://127.0.0.1:$1/" > "$3"
  c1=$(cpu_ticks "$2"); read -r t1 i1 < <(cpu0_ticks)
  local requests rps p50 p99 errors
  requests=$(awk '/requests in/ {print $1}' "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' "$3")
  p50=$(wrk_ms "$(awk '$1 == "50%" {print $2}' "$3")")
  p99=$(wrk_ms "$(awk '$1 == "99%" {print $2}' "$3")")
  errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i} END {print n + 0}' "$3")
  echo "$rps $p50 $p99 $(per_request_us "$c0" "$c1" "$requests") $errors $(busy_percent "$t0" "$i0" "$t1" "$i1")"
}

# One open-loop h2load run at RATE: "achieved_rps p50 p99 cpu_us_per_req errors" from its request log.
h2load_run() {  # port pid out-file
  local c0 c1 per_client=$(( (RATE + CONNS - 1) / CONNS ))
  c0=$(cpu_ticks "$2")
  taskset -c 0 h2load --h1 -t1 -c"$CONNS" --rps="$per_client" -D "$LATENCY_SECONDS" -H 'allow: true' \
    --log-file="$3.log" "http://127.0.0.1:$1/" > "$3"
  c1=$(cpu_ticks "$2")
  local done rps failed
  done=$(awk '/^requests:/ {print $6}' "$3")
  failed=$(awk '/^requests:/ {n = $10 + $12 + $14} /^status codes:/ {n += $7 + $9} END {print n + 0}' "$3")
  rps=$(awk '/^finished in/ {print $4}' "$3")
  read -r p50 p99 < <(awk '{print $3}' "$3.log" | sort -n | awk '{v[NR] = $1}
      END {printf "%.3f %.3f\n", v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000}')
  echo "$rps $p50 $p99 $(per_request_us "$c0" "$c1" "$done") $failed"
}

per_request_us() { awk -v a="$1" -v b="$2" -v n="$3" -v t="$TICK" 'BEGIN {printf "%.1f", (b - a) / t * 1e6 / n}'; }
busy_percent() { awk -v t0="$1" -v i0="$2" -v t1="$3" -v i1="$4" 'BEGIN {printf "%.0f", 100 * (1 - (i1 - i0) / (t1 - t0))}'; }

# Warm-up, then RUNS x (wrk, h2load). Results: $WORK/results/<case>.{wrk,fixed} one line per run.
measure_case() {  # case port pid warm-up-seconds
  local name=$1 port=$2 pid=$3 warm=${WARMUP:-$4}
  mkdir -p "$WORK/results" "$WORK/raw"
  log "$name: warm-up ${warm}s"
  taskset -c 0 wrk -t1 -c"$CONNS" -d"${warm}s" -H 'allow: true' "http://127.0.0.1:$port/" > "$WORK/raw/$name-warmup.txt"
  for r in $(seq 1 "$RUNS"); do
    local w f
    if [[ "$r" == 1 && "${PROFILE:-}" == "$name" ]]; then  # JFR over the first measured wrk run
      jcmd "$pid" JFR.start name=bench settings="$(profile_settings)" duration="${DURATION}s" \
        filename="$WORK/$name.jfr" > /dev/null
    fi
    w=$(wrk_run "$port" "$pid" "$WORK/raw/$name-wrk-$r.txt")
    f=$(h2load_run "$port" "$pid" "$WORK/raw/$name-h2load-$r.txt")
    log "$name run $r: wrk [rps p50 p99 cpu_us err cpu0%] $w | h2load@$RATE [rps p50 p99 cpu_us err] $f"
    echo "$w" >> "$WORK/results/$name.wrk"
    echo "$f" >> "$WORK/results/$name.fixed"
  done
  rss_mb "$pid" > "$WORK/results/$name.rss"
  [[ "${PROFILE:-}" != "$name" ]] || wait_until "the JFR recording" 30 test -s "$WORK/$name.jfr"
}

# ------------------------------------------------------------------------------------ report ----
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
col() { awk -v i="$3" '{print $i}' "$WORK/results/$1.$2" | median; }  # case kind column
# Marks a fixed-rate result whose proxy could not keep up: its latencies include queueing.
saturated() { awk -v a="$1" -v r="$RATE" 'BEGIN {if (a < 0.97 * r) printf " (saturated: %.0f rps)", a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0 && a != "") printf "%.2f", a / b; else printf "-"}'; }

report() {
  local nginx_rps="" base_rps="" base_cpu="" base_cpu_max=""
  [[ -f "$WORK/results/nginx.wrk" ]] && nginx_rps=$(col nginx wrk 1)
  [[ -f "$WORK/results/wasmgate.wrk" ]] && { base_rps=$(col wasmgate wrk 1); base_cpu=$(col wasmgate fixed 4); base_cpu_max=$(col wasmgate wrk 4); }
  echo
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1); load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Command: DURATION=$DURATION RUNS=$RUNS CONNS=$CONNS RATE=$RATE LATENCY_SECONDS=$LATENCY_SECONDS bench/run.sh" \
    "(medians of $RUNS runs; raw output in $WORK)"
  echo
  echo "| case | req/s (wrk -c$CONNS) | × nginx | × wasmgate | p50 / p99 ms @ $RATE rps | proxy CPU µs/req @ $RATE rps | proxy CPU µs/req @ max | Δ CPU µs vs wasmgate @ $RATE / @ max | RSS MB | errors | CPU0 busy % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for name in $CASES; do
    [[ -f "$WORK/results/$name.wrk" ]] || continue
    local rps cpu_fixed cpu_max delta="-"
    rps=$(col "$name" wrk 1); cpu_fixed=$(col "$name" fixed 4); cpu_max=$(col "$name" wrk 4)
    [[ -n "$base_cpu" && "$name" != direct && "$name" != nginx ]] &&
      delta=$(awk -v a="$cpu_fixed" -v b="$base_cpu" -v c="$cpu_max" -v d="$base_cpu_max" 'BEGIN {printf "%+.1f / %+.1f", a - b, c - d}')
    printf '| %s | %.0f | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s |\n' \
      "$name" "$rps" "$(ratio "$rps" "$nginx_rps")" "$(ratio "$rps" "$base_rps")" \
      "$(col "$name" fixed 2)" "$(col "$name" fixed 3)$(saturated "$(col "$name" fixed 1)")" "$cpu_fixed" "$cpu_max" "$delta" \
      "$(cat "$WORK/results/$name.rss")" "$(cat "$WORK/results/$name.wrk" "$WORK/results/$name.fixed" | awk '{n += $5} END {print n}')" \
      "$(col "$name" wrk 6)"
  done
  echo
  echo "direct: the CPU columns are the backend nginx worker's. Errors: non-2xx and socket errors (wrk) plus failed requests (h2load), all runs."
}
