;; A start section (must run at instantiation) and a _start export (must not run by itself).
(module
  (import "env" "note" (func $note (param i32)))
  (memory (export "memory") 1)
  (func $init
    (i32.store (i32.const 0) (i32.const 7))
    (call $note (i32.const 1)))
  (start $init)
  (func (export "_start")
    (i32.store (i32.const 4) (i32.const 9)))
  (func (export "read") (param i32) (result i32)
    (i32.load (local.get 0))))
