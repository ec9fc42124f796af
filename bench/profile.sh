#!/usr/bin/env bash
# JFR profile of the gateway serving one case (default: the tutorial Go plugin) under wrk load,
# pinned as bench/run.sh pins it; Java samples every 1 ms during the first measured wrk run after
# the warm-up. Prints bench/jfr-top.sh's summary; the recording stays in the work directory.
# Usage: bench/profile.sh [case: go|c|chain3|body|wasmgate (default go)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASE="${1:-go}"
export WORK="${WORK:-$(mktemp -d /tmp/wasmgate-profile.XXXXXX)}"
PROFILE="$CASE" CASES="$CASE" RUNS=1 "$ROOT/bench/run.sh" >&2
case "$CASE" in
  go) WASM="$ROOT/examples/header-authorization/plugin.wasm" ;;
  c) WASM="$ROOT/plugins/c/header-authorization/plugin.wasm" ;;
  *) WASM="" ;;
esac
echo "Recording: $WORK/$CASE.jfr"
"$ROOT/bench/jfr-top.sh" "$WORK/$CASE.jfr" "$WASM"
