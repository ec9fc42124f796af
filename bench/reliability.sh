#!/usr/bin/env bash
# The reliability suite's long form: ReliabilityTest against the real jar for minutes instead of 30 s.
# A bounded loopback load (RATE req/s from 8 clients) runs while the plugin set is applied again every
# 200 ms (each apply reloads two plugins) and plugins of our own trap, spin and leak; it fails on any
# request the failStrategy does not explain, or when live VMs do not return to their baseline.
# Usage: bench/reliability.sh [seconds (default 300)] [rate (default 300)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-300}"
RATE="${2:-300}"
cd "$ROOT"
mvn -q -B -pl wasmgate-cli -am install -DskipTests
mvn -B -pl wasmgate-e2e test -Dtest=ReliabilityTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dwasmgate.reliability.seconds="$SECONDS_TO_RUN" -Dwasmgate.reliability.rate="$RATE" \
  | grep -E '^reliability:|Tests run:|FAIL|BUILD'
