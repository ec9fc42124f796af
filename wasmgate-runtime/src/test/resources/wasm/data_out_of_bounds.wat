;; The second segment runs past the one-page memory: instantiation must fail.
(module
  (memory 1)
  (data (i32.const 0) "x")
  (data (i32.const 65535) "ab"))
