#!/usr/bin/env bash
# Runs every test: checks that committed plugin binaries match their sources, then the whole Maven
# build (unit, integration and end-to-end tests over real sockets) on the default JDK, then again on
# Temurin 25 when it is installed. Installs missing tools with apt-get when run as root on Debian.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/install-tools.sh"

echo "==> checking committed plugin binaries against their sources" >&2
"$ROOT/scripts/check-plugins.sh"

echo "==> building and testing every module on $(java -version 2>&1 | head -1)" >&2
mvn -B -ntp verify "$@"

TEMURIN_25="${WASMGATE_SECOND_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -x "$TEMURIN_25/bin/java" ]]; then
  echo "==> testing again on $("$TEMURIN_25/bin/java" -version 2>&1 | head -1)" >&2
  JAVA_HOME="$TEMURIN_25" PATH="$TEMURIN_25/bin:$PATH" mvn -B -ntp verify "$@"
else
  echo "==> no second JDK at $TEMURIN_25: skipping the Java 25 pass" >&2
fi
