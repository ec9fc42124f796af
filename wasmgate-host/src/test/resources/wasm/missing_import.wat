;; Imports two functions no Proxy-Wasm host offers, next to one it does.
(module
  (import "env" "proxy_log" (func (param i32 i32 i32) (result i32)))
  (import "env" "proxy_foo" (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "not_a_wasi_call" (func))
  (memory (export "memory") 1)
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1")))
