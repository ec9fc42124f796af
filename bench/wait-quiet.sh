#!/usr/bin/env bash
# Waits until the machine is quiet enough to benchmark: the 1-minute load average below THRESHOLD
# at two polls 30 s apart (about a quiet minute). Exits 1 after MAX_MINUTES without that, so
# callers can go on and label their numbers as measured under load.
# Usage: bench/wait-quiet.sh [max-minutes (45)] [threshold (0.8)]
set -euo pipefail
MAX_MINUTES="${1:-45}" THRESHOLD="${2:-0.8}"
deadline=$(( $(date +%s) + MAX_MINUTES * 60 )) quiet_polls=0
while (( $(date +%s) < deadline )); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v t="$THRESHOLD" 'BEGIN {exit !(l < t)}'; then quiet_polls=$((quiet_polls + 1)); else quiet_polls=0; fi
  echo "wait-quiet: $(date +%T) load $load (quiet polls: $quiet_polls/2)" >&2
  (( quiet_polls >= 2 )) && exit 0
  sleep 30
done
echo "wait-quiet: still busy after ${MAX_MINUTES} min (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
exit 1
