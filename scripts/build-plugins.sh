#!/usr/bin/env bash
# Rebuilds every plugin binary from its source.
#   scripts/build-plugins.sh            writes each plugin.wasm / *.wasm next to its source
#   scripts/build-plugins.sh --out DIR  writes them under DIR, mirroring the repository layout
# A toolchain that is not installed is skipped with a message; the other plugins still build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT"
if [[ $# -gt 0 ]]; then
  if [[ $1 == --out && $# -eq 2 ]]; then
    mkdir -p "$2"
    OUT="$(cd "$2" && pwd)"
  else
    echo "usage: $0 [--out DIR]" >&2
    exit 2
  fi
fi

progress() { echo "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# Go plugins: the toolchain version is part of the binary, so pin the one go.mod names.
build_go() {
  local dir=$1 toolchain
  progress "building $dir (go)..."
  mkdir -p "$OUT/$dir"
  toolchain=$(sed -n 's/^toolchain //p' "$ROOT/$dir/go.mod")
  (
    cd "$ROOT/$dir"
    export GOTOOLCHAIN="${toolchain:-local}" GOFLAGS=-mod=mod
    go mod download
    GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -buildvcs=false \
      -o "$OUT/$dir/plugin.wasm" .
  )
}

# C plugins: WASI reactors against the raw ABI, sharing plugins/c/include. Compiled and linked in
# two steps: clang runs binaryen's wasm-opt after an optimising link whenever it finds one
# (emscripten brings it), which would change the bytes; a link without -O never does.
build_c() {
  local dir=$1 object
  progress "building $dir (c)..."
  mkdir -p "$OUT/$dir"
  object=$(mktemp --suffix=.o)
  clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror -I "$ROOT/plugins/c/include" \
    -c -o "$object" "$ROOT/$dir/plugin.c"
  clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor -Wl,--strip-all \
    -o "$OUT/$dir/plugin.wasm" "$object"
  rm -f "$object"
}

# AssemblyScript plugins: npm ci installs exactly package-lock.json's compiler and SDK; asc with
# fixed flags is deterministic, so the binary is byte-reproducible like the others.
build_assemblyscript() {
  local dir=$1
  progress "building $dir (assemblyscript)..."
  mkdir -p "$OUT/$dir"
  (
    cd "$ROOT/$dir"
    npm ci --no-audit --no-fund --loglevel=error >&2
    npx --no-install asc assembly/index.ts -b "$OUT/$dir/plugin.wasm" \
      --use abort=abort_proc_exit --optimize --noAssert
  )
}

# Rust plugins: the toolchain rust-toolchain.toml pins (rustc is part of the binary), the crates
# Cargo.lock pins, a scratch target dir, and the build machine's paths (cargo home, source dir)
# remapped out of the panic locations, so the binary is byte-reproducible.
build_rust() {
  local dir=$1 toolchain target_dir cargo_home source_dir
  progress "building $dir (rust)..."
  mkdir -p "$OUT/$dir"
  toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/$dir/rust-toolchain.toml")
  target_dir=$(mktemp -d)
  cargo_home=$(realpath -m "${CARGO_HOME:-$HOME/.cargo}")
  source_dir=$(realpath "$ROOT/$dir")
  (
    trap 'rm -rf "$target_dir"' EXIT
    cd "$source_dir"
    export RUSTUP_TOOLCHAIN="$toolchain" CARGO_TARGET_DIR="$target_dir"
    unset RUSTFLAGS
    export CARGO_ENCODED_RUSTFLAGS="--remap-path-prefix=$cargo_home=/cargo"$'\x1f'"--remap-path-prefix=$source_dir=/plugin"
    cargo build --release --locked --quiet --target wasm32-wasip1 >&2
    cp "$target_dir"/wasm32-wasip1/release/*.wasm "$OUT/$dir/plugin.wasm"
  )
}

# Hand-written fixtures: one .wasm per .wat.
build_wat() {
  local source=$1
  progress "building ${source%.wat}.wasm (wat)..."
  mkdir -p "$OUT/$(dirname "$source")"
  wat2wasm "$ROOT/$source" -o "$OUT/${source%.wat}.wasm"
}

cd "$ROOT"

if have go; then
  build_go examples/header-authorization
  for module in plugins/go/*/go.mod; do
    [[ -e $module ]] && build_go "$(dirname "$module")"
  done
else
  progress "skipping Go plugins: 'go' is not installed (Go >= 1.24 is needed)"
fi

if have clang && [[ -f /usr/lib/wasm32-wasi/crt1-reactor.o ]]; then
  for source in plugins/c/*/plugin.c; do
    build_c "$(dirname "$source")"
  done
else
  progress "skipping C plugins: needs clang, lld and wasi-libc (apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32)"
fi

if have node && have npm; then
  for manifest in plugins/assemblyscript/*/package.json; do
    [[ -e $manifest ]] && build_assemblyscript "$(dirname "$manifest")"
  done
else
  progress "skipping AssemblyScript plugins: needs node and npm (Node.js >= 18)"
fi

if have cargo && have rustup; then
  for manifest in plugins/rust/*/Cargo.toml; do
    [[ -e $manifest ]] && build_rust "$(dirname "$manifest")"
  done
else
  progress "skipping Rust plugins: needs rustup and cargo (scripts/install-tools.sh adds the wasm32-wasip1 target)"
fi

if have wat2wasm; then
  for source in plugins/wat/*.wat; do
    build_wat "$source"
  done
else
  progress "skipping WAT fixtures: 'wat2wasm' is not installed (apt-get install -y wabt)"
fi
