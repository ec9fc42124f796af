;; An ABI 0.2.1 plugin that leaks: every request grows its memory by 16 pages
;; (1 MiB) that it never gives back, as a Go/TinyGo plugin with a leaking
;; allocator does. The leak guard (wasmgate.io/rebuild-memory-threshold) must
;; rebuild its VM before the memory cap makes it trap.
(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $size)))
    (local.get $ptr))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    ;; out of memory: abort as an allocator would
    (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable))
    (i32.const 0)))
