;; Code that names data segments (memory.init), so they must keep their numbering.
(module
  (memory 1)
  (data (i32.const 0) "ab")
  (data (i32.const 4) "cd")
  (data $later "xyz")
  (func (export "init")
    (memory.init $later (i32.const 10) (i32.const 0) (i32.const 3)))
  (func (export "load8") (param i32) (result i32)
    (i32.load8_u (local.get 0))))
