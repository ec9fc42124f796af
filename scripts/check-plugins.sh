#!/usr/bin/env bash
# Fails when a committed plugin binary is not what its source builds to today.
# Rebuilds everything into a temporary directory with build-plugins.sh and compares
# byte for byte; plugins whose toolchain is absent are skipped by the build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

"$ROOT/scripts/build-plugins.sh" --out "$SCRATCH"

checked=0
stale=0
while IFS= read -r -d '' built; do
  relative="${built#"$SCRATCH"/}"
  checked=$((checked + 1))
  if ! cmp -s "$built" "$ROOT/$relative"; then
    echo "stale binary: $relative differs from a fresh build of its source (run scripts/build-plugins.sh)" >&2
    stale=$((stale + 1))
  fi
done < <(find "$SCRATCH" -name '*.wasm' -print0 | sort -z)

if [[ $stale -gt 0 ]]; then
  echo "$stale of $checked plugin binaries are stale" >&2
  exit 1
fi
echo "all $checked plugin binaries match their sources" >&2
