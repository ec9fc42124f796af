;; proxy_on_configure refuses any configuration, and traps on a 4-byte one.
(module
  (memory (export "memory") 1)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (if (i32.eq (local.get $size) (i32.const 4)) (then unreachable))
    (i32.const 0)))
