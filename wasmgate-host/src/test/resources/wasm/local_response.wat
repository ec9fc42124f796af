;; Answers every request with a local 403 and pauses the stream (ABI 0.2.0).
(module
  (import "env" "proxy_send_local_response"
    (func $respond (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "denied_by_test")
  (data (i32.const 120) "Forbidden")
  ;; {"x-reason": "test"} serialized (26 bytes).
  (data (i32.const 140) "\01\00\00\00\08\00\00\00\04\00\00\00x-reason\00test\00")
  (func (export "proxy_abi_version_0_2_0"))
  (func (export "malloc") (param i32) (result i32) (i32.const 4096))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (drop (call $respond (i32.const 403) (i32.const 100) (i32.const 14) (i32.const 120)
      (i32.const 9) (i32.const 140) (i32.const 26) (i32.const -1)))
    (i32.const 1)))
