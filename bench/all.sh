#!/usr/bin/env bash
# Every benchmark behind BENCHMARKS.md, one after another, outputs under one directory:
#   run.sh (proxies side by side), profile.sh go (JFR of the Go path), startup.sh (plugin ready
#   time in the real gateway), jmh.sh (cold/warm start, per-request callbacks), soak.sh (memory
#   over 10 minutes). About an hour. Waits for a quiet machine first (bench/wait-quiet.sh).
# Usage: bench/all.sh [OUT_DIR]     (each script's own knobs pass through the environment;
#        STEPS="run profile-go startup jmh soak" picks steps)
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$(mktemp -d /tmp/wasmgate-all.XXXXXX)}"
mkdir -p "$OUT"

STEPS="${STEPS:-run profile-go startup jmh soak}"

step() {  # name, then the command
  local name=$1; shift
  [[ " $STEPS " == *" $name "* ]] || return 0
  echo "all: $name -> $OUT/$name.md (log $OUT/$name.log)" >&2
  "$@" > "$OUT/$name.md" 2> "$OUT/$name.log" || { echo "all: $name failed; see $OUT/$name.log" >&2; exit 1; }
}

"$BENCH/wait-quiet.sh" 60 >&2 || echo "all: the machine did not get quiet; measuring anyway (note it with the numbers)" >&2
step run "$BENCH/run.sh"
step profile-go "$BENCH/profile.sh" go
step startup "$BENCH/startup.sh"
step jmh env OUT="$OUT/jmh" "$BENCH/jmh.sh"  # jmh.sh creates its directory
step soak "$BENCH/soak.sh"
echo "all: done; results in $OUT" >&2
