#!/usr/bin/env bash
# Installs the Debian packages the plugin builds and the tests use, when they are missing.
set -euo pipefail

need=()
command -v clang >/dev/null 2>&1 || need+=(clang lld)
[[ -d /usr/include/wasm32-wasi ]] || need+=(wasi-libc)
[[ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null)" ]] \
  || need+=(libclang-rt-14-dev-wasm32)
command -v wat2wasm >/dev/null 2>&1 || need+=(wabt)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# The OCI tests run a real CNCF distribution registry and make bcrypt htpasswd files.
[[ -x /usr/bin/docker-registry ]] || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)

# Rust plugins build with the toolchain their rust-toolchain.toml pins, for wasm32-wasip1: rustup
# installs that toolchain and target when missing (a toolchain without it cannot build them).
rust_target=wasm32-wasip1
if command -v rustup >/dev/null 2>&1; then
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  for pin in "$ROOT"/plugins/rust/*/rust-toolchain.toml; do
    [[ -e $pin ]] || continue
    channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$pin")
    if rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx "$rust_target"; then
      continue
    fi
    if rustup toolchain list | grep -q "^$channel-"; then
      action=(target add --toolchain "$channel" "$rust_target")
    else
      action=(toolchain install "$channel" --profile minimal --target "$rust_target" --no-self-update)
    fi
    echo "install-tools: rustup ${action[*]}..." >&2
    if ! rustup "${action[@]}" >&2; then
      echo "install-tools: rustup could not add $rust_target to Rust $channel, which $pin pins;" \
        "the Rust plugins cannot be built without it" >&2
      exit 1
    fi
  done
else
  echo "install-tools: rustup is not installed; the Rust plugins will be skipped" >&2
fi

if (( ${#need[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: missing ${need[*]}; install them (Debian: apt-get install ${need[*]})" >&2
  exit 0
fi
echo "install-tools: installing ${need[*]} with apt-get..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
