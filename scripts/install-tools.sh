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
