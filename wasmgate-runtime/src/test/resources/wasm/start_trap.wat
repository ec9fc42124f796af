;; A start section that traps: instantiation itself fails.
(module
  (func $boom unreachable)
  (start $boom))
