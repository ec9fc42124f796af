module github.com/wasmgate/plugins/go/conformance

go 1.24

toolchain go1.26.8

require github.com/proxy-wasm/proxy-wasm-go-sdk v0.0.0-20260105142703-44c7d5847745
