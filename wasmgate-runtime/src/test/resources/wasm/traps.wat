;; One export per way guest code can fail.
(module
  (memory 1)
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func $inner (export "unreachable")
    unreachable)
  (func (export "nested_unreachable")
    (call $inner))
  (func (export "out_of_bounds") (result i32)
    (i32.load (i32.const 70000)))
  (func (export "divide_by_zero") (param i32) (result i32)
    (i32.div_s (i32.const 1) (local.get 0))))
