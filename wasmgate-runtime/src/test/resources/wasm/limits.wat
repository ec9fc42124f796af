;; Guests that misbehave against the instance limits: they spin, or grow memory.
(module
  (import "env" "callback" (func $callback))
  (memory (export "memory") 2)
  (func (export "spin")
    (loop $forever (br $forever)))
  ;; Calls the host, which calls back into "spin": the outer call's deadline must cover it.
  (func (export "call_host")
    (call $callback))
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
  (func (export "answer") (result i32)
    (i32.const 42)))
