;; A valid ABI marker but no proxy_on_memory_allocate / malloc.
(module
  (memory (export "memory") 1)
  (func (export "proxy_abi_version_0_2_1")))
