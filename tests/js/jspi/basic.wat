;; A sequential Wasm program that calls an async JS function through a Suspending import.
(module
  (import "js" "fetchValue" (func $fetch (param i32) (result i32)))
  (import "js" "log" (func $log (param i32)))
  (global $state (mut i32) (i32.const 0))
  (func (export "run") (param $n i32) (result i32)
    (local $sum i32) (local $i i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (call $fetch (local.get $i))))
      (call $log (local.get $sum))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))
  (func (export "plain") (result i32) (call $fetch (i32.const 1)))
  (func (export "state") (result i32) (global.get $state))
)
