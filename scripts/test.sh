#!/usr/bin/env bash
# Runs every test: checks that committed plugin binaries match their sources, then the whole Maven
# build (unit, integration and end-to-end tests over real sockets). Installs missing tools with
# apt-get when run as root on Debian.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/install-tools.sh"

echo "==> checking committed plugin binaries against their sources" >&2
"$ROOT/scripts/check-plugins.sh"

echo "==> building and testing every module" >&2
mvn -B -ntp verify "$@"
