;; An ABI 0.2.1 plugin that fails where and how its configuration says, for the
;; reliability suite. pluginConfig {"t":"<callback><kind>"} (compact JSON, so the
;; two letters are bytes 6 and 7):
;;   callback  C context_create  H request_headers  B request_body
;;             R response_headers  S response_body  D done  L log
;;   kind      U unreachable  M out-of-bounds load  O stack overflow
;;             X proc_exit(3)  P spin forever (stopped by the callback deadline)
;; Any other configuration (or none) never fails.
(module
  (import "env" "proxy_get_buffer_bytes"
    (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 4096))
  (global $where (mut i32) (i32.const 0))
  (global $how (mut i32) (i32.const 0))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $size)))
    (local.get $ptr))
  (func $recurse (param $n i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; Fails in the configured way when $callback is the configured callback.
  (func $maybe_fail (param $callback i32)
    (if (i32.ne (local.get $callback) (global.get $where)) (then (return)))
    (if (i32.eq (global.get $how) (i32.const 85)) (then unreachable))           ;; U
    (if (i32.eq (global.get $how) (i32.const 77))                              ;; M
      (then (drop (i32.load (i32.const 0x7ffffff0)))))
    (if (i32.eq (global.get $how) (i32.const 79))                              ;; O
      (then (drop (call $recurse (i32.const 0)))))
    (if (i32.eq (global.get $how) (i32.const 88))                              ;; X
      (then (call $proc_exit (i32.const 3))))
    (if (i32.eq (global.get $how) (i32.const 80))                              ;; P
      (then (loop $forever (br $forever)))))
  (func (export "proxy_on_context_create") (param $id i32) (param $parent i32)
    (if (local.get $parent) (then (call $maybe_fail (i32.const 67)))))         ;; C
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (local $data i32)
    (if (i32.lt_u (local.get $size) (i32.const 8)) (then (return (i32.const 1))))
    ;; plugin configuration buffer (type 7) -> pointer at 0, size at 4
    (drop (call $get_buffer (i32.const 7) (i32.const 0) (local.get $size) (i32.const 0) (i32.const 4)))
    (local.set $data (i32.load (i32.const 0)))
    (global.set $where (i32.load8_u offset=6 (local.get $data)))
    (global.set $how (i32.load8_u offset=7 (local.get $data)))
    (i32.const 1))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (call $maybe_fail (i32.const 72)) (i32.const 0))                           ;; H
  (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32)
    (call $maybe_fail (i32.const 66)) (i32.const 0))                           ;; B
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (call $maybe_fail (i32.const 82)) (i32.const 0))                           ;; R
  (func (export "proxy_on_response_body") (param i32 i32 i32) (result i32)
    (call $maybe_fail (i32.const 83)) (i32.const 0))                           ;; S
  (func (export "proxy_on_done") (param i32) (result i32)
    (call $maybe_fail (i32.const 68)) (i32.const 1))                           ;; D
  (func (export "proxy_on_log") (param i32)
    (call $maybe_fail (i32.const 76))))                                        ;; L
