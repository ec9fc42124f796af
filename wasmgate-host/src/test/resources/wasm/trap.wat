;; Callbacks that fail in different ways; everything else about the plugin is healthy.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
  (func $panic (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    unreachable)
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (call $exit (i32.const 2))
    (i32.const 0))
  (func $deep (export "proxy_on_request_body") (param i32 i32 i32) (result i32)
    (call $deep (local.get 0) (local.get 1) (local.get 2))))
