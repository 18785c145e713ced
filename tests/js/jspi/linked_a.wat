;; Instance A: an export that suspends through its Suspending import.
(module
  (import "js" "wait" (func $wait (param i32) (result i32)))
  (func (export "slowDouble") (param i32) (result i32) (i32.mul (call $wait (local.get 0)) (i32.const 2)))
)
