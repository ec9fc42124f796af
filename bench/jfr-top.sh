#!/usr/bin/env bash
# Summarises the jdk.ExecutionSample events of a JFR recording: samples per thread, self time by
# category and by top frame, and inclusive time of the frames that matter for a plugin request.
# Chicory's compiled wasm functions (func_N) are named from the module's name section when a
# module is given (needs wasm-objdump from wabt).
# Usage: bench/jfr-top.sh RECORDING.jfr [plugin.wasm] [top-N (default 25)]
set -euo pipefail
JFR_FILE=$1 WASM=${2:-} TOP=${3:-25}
NAMES=$(mktemp)
trap 'rm -f "$NAMES"' EXIT
if [[ -n "$WASM" ]] && command -v wasm-objdump >/dev/null; then
  # "- func[1803] sig=3 <fmt.(*pp).doPrintf>" -> "1803 fmt.(*pp).doPrintf"
  wasm-objdump -x "$WASM" | sed -nE 's/^ - func\[([0-9]+)\] sig=[0-9]+ <([^>]*)>.*$/\1 \2/p' > "$NAMES"
fi

jfr print --events jdk.ExecutionSample --stack-depth 256 "$JFR_FILE" | awk -v top="$TOP" -v names="$NAMES" '
  BEGIN { while ((getline line < names) > 0) { i = index(line, " "); fn[substr(line, 1, i - 1)] = substr(line, i + 1) } }
  function frame_name(f,   m) {            # "pkg.Class.method(args) line: N" -> readable name
    sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f); sub(/\(.*$/, "", f)
    if (match(f, /func_[0-9]+$/)) { m = substr(f, RSTART + 5); return "wasm " (m in fn ? fn[m] : "func_" m) }
    return f
  }
  function inclusive(title, pattern,   f, cmd) {
    cmd = "sort -rn | head -" top
    printf "\nTop %d frames, inclusive time, %s:\n", top, title
    for (f in incl) if (f ~ pattern) printf "  %6.1f%%  %s\n", 100 * incl[f] / n, f | cmd
    close(cmd)
  }
  function category(f) {
    if (f ~ /^wasm /) return "wasm code (Chicory-compiled guest functions)"
    if (f ~ /com\.dylibso\.chicory\.runtime\.(ByteArrayMemory|Memory)/) return "Chicory memory access (load/store/copy)"
    if (f ~ /com\.dylibso\.chicory\.runtime\.Instance\.global|GlobalInstance/) return "Chicory globals"
    if (f ~ /com\.dylibso\.chicory\.runtime\.Interpreter|InterpreterMachine|MStack/) return "Chicory interpreter"
    if (f ~ /com\.dylibso\.chicory/) return "Chicory runtime (dispatch, calls, other)"
    if (f ~ /^io\.wasmgate\.host/) return "wasmgate host (ABI functions, contexts)"
    if (f ~ /^io\.wasmgate\.(plugin|proxy)/) return "wasmgate data plane / filter chain"
    if (f ~ /^io\.wasmgate\.observability/) return "wasmgate access log / stats"
    if (f ~ /^io\.netty/) return "Netty"
    if (f ~ /^(sun\.nio|java\.nio|sun\.net)/) return "JDK NIO / sockets"
    if (f ~ /^(java|jdk|sun)\./) return "JDK other (collections, strings, ...)"
    return "other"
  }
  /^jdk.ExecutionSample/ { depth = 0; thread = ""; delete seen; next }
  /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); next }
  /stackTrace = \[/ { instack = 1; next }
  instack && /^[ \t]*\]/ { instack = 0; n++; threads[thread]++; next }
  instack && /^[ \t]*\.\.\./ { next }
  instack {
    name = frame_name($0)
    if (depth == 0) { self[name]++; cat[category(name)]++ }
    depth++
    if (!(name in seen)) { seen[name] = 1; incl[name]++ }
    next
  }
  END {
    printf "%d samples\n\nSamples by thread:\n", n
    for (t in threads) printf "  %6.1f%%  %s\n", 100 * threads[t] / n, t | "sort -rn"; close("sort -rn")
    printf "\nSelf time by category (top frame):\n"
    for (c in cat) printf "  %6.1f%%  %s\n", 100 * cat[c] / n, c | "sort -rn"; close("sort -rn")
    printf "\nTop %d frames, self time:\n", top
    for (f in self) printf "  %6.1f%%  %s\n", 100 * self[f] / n, f | "sort -rn | head -" top; close("sort -rn | head -" top)
    inclusive("wasm functions (guest code, callees included)", "^wasm ")
    inclusive("wasmgate and Chicory entry points", "io\\.wasmgate|chicory\\.runtime\\.(Instance|Machine)|CompiledMachine")
  }'
