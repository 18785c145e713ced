;; The Wasm side of examples/jspi.mjs: ordinary sequential code that calls an import in a loop.
;; (jspi.mjs carries these bytes inline, so the example needs no WAT tooling.)
(module
  (import "host" "fetchNumber" (func $fetch (param i32) (result i32)))
  (func (export "sumOfFetches") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $fetch (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
