;; Active data segments as compilers emit them, overlapping, with zeroes, gaps and an empty one:
;; the compiled-code cache coalesces them into three segments.
(module
  (memory 2)
  (data (i32.const 16) "hello")
  (data (i32.const 18) "LL")
  (data (i32.const 100) "\00\00x\00")
  (data (i32.const 200) "")
  (data (i32.const 8000) "far")
  (data (i32.const 70000) "page two")
  (func (export "load8") (param i32) (result i32)
    (i32.load8_u (local.get 0))))
