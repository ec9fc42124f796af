#!/usr/bin/env bash
# JMH benchmarks of the Proxy-Wasm host (module wasmgate-bench), never part of mvn test:
#   1. plugin cold start, one fresh JVM per sample: parse / compile / start VM / bytes-to-ready,
#      Go (~2.7 MB) and C (~11 KB), compiler and interpreter;
#   2. warm start: one more VM from a compiled, JIT-warm module (what each worker pays);
#   3. per-request callback cost through the real host (create, request headers, response
#      headers, done, log, delete) with allocation per request (-prof gc);
#   4. the Go plugin's per-request cost again WITHOUT -XX:-DontCompileHugeMethods, to show its effect;
#   5. the cached and interpreter starts again with a class-data archive (as bin/wasmgate starts).
# Usage: bench/jmh.sh [extra JMH options, e.g. -f 1 for a quick look]
# Results: CSV files under $OUT (default a fresh /tmp directory) and a summary table on stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/wasmgate-bench/target/benchmarks.jar"
OUT="${OUT:-$(mktemp -d /tmp/wasmgate-jmh.XXXXXX)}"
mkdir -p "$OUT"
export WASMGATE_HOME="$ROOT"

# JMH_JAR measures a given benchmarks jar as is; otherwise the module is rebuilt when its sources
# changed, and a failed rebuild (a module mid-edit) falls back to the existing jar, with a warning.
if [[ -n "${JMH_JAR:-}" ]]; then
  JAR="$JMH_JAR"
elif [[ ! -f "$JAR" || -n "$(cd "$ROOT" && find pom.xml wasmgate-abi wasmgate-runtime wasmgate-host wasmgate-bench \
      \( -path '*/src/main/*' -o -name pom.xml \) -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  echo "jmh: building $JAR" >&2
  if ! (cd "$ROOT" && mvn -q -B -DskipTests -pl wasmgate-bench -am install) >&2; then
    [[ -f "$JAR" ]] || { echo "jmh: build failed and there is no benchmarks jar" >&2; exit 1; }
    echo "jmh: WARNING: build failed; measuring the existing $JAR of $(date -r "$JAR" '+%F %T')" >&2
  fi
fi

jmh() {  # name, then JMH arguments
  local name=$1; shift
  echo "jmh: $name" >&2
  java -jar "$JAR" "$@" -rf csv -rff "$OUT/$name.csv" "${EXTRA[@]}" > "$OUT/$name.txt" 2>&1 \
    || { tail -30 "$OUT/$name.txt" >&2; exit 1; }
}
EXTRA=("$@")

jmh cold-start 'ColdStartBenchmark'
# The same starts with a class-data archive, as bin/wasmgate runs the gateway: one fork records
# the archive of what a start loads (its warm-up fork fills the compiled-code cache), then every
# measured fork maps it.
CDS_ARCHIVE="$OUT/cold-start.jsa"
CDS_LOG=(-Xlog:cds=off -Xlog:cds+dynamic=off)
echo "jmh: recording $CDS_ARCHIVE" >&2
java -jar "$JAR" 'ColdStartBenchmark.readyCached' -p plugin=GO -f 1 -wf 1 -jvmArgsAppend \
  "-XX:-DontCompileHugeMethods -Xss4m -XX:ArchiveClassesAtExit=$CDS_ARCHIVE ${CDS_LOG[*]}" > "$OUT/cds-record.txt" 2>&1 \
  || { tail -30 "$OUT/cds-record.txt" >&2; exit 1; }
jmh cold-start-cds 'ColdStartBenchmark.(readyCached|readyInterpreted)' \
  -jvmArgsAppend "-XX:-DontCompileHugeMethods -Xss4m -XX:SharedArchiveFile=$CDS_ARCHIVE ${CDS_LOG[*]}"
jmh warm-start 'VmStartBenchmark'
jmh callbacks 'RequestCallbacksBenchmark' -prof gc
jmh callbacks-go-huge-methods-not-compiled 'RequestCallbacksBenchmark' -p plugin=GO \
  -jvmArgsAppend '-XX:+DontCompileHugeMethods -Xss4m'

# Summary: one row per benchmark and plugin; error is JMH's 99.9% half-width.
echo
echo "JMH results ($OUT): $(nproc) CPUs, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | benchmark | plugin | score | ± | unit |"
echo "|---|---|---|---|---|---|"
for f in cold-start cold-start-cds warm-start callbacks callbacks-go-huge-methods-not-compiled; do
  awk -F, -v run="$f" 'NR > 1 {
      gsub(/"/, ""); name = $1; sub(/^.*Benchmark\./, "", name)
      if (name ~ /:/ && name !~ /gc.alloc.rate.norm/) next
      sub(/:gc.alloc.rate.norm/, " (allocated)", name)
      err = ($6 == "NaN" || $6 == "") ? "-" : sprintf("%.2f", $6)
      printf "| %s | %s | %s | %.2f | %s | %s |\n", run, name, $8, $5, err, $7 }' "$OUT/$f.csv"
done
