;; Calls that trap, for the test of the stacks they leave behind.
(module
  (import "js" "wait" (func $wait (result i32)))
  ;; Recurses until the stack overflows.
  (func $deep (export "deep") (param $n i32) (result i32)
    (i32.add (call $deep (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; Waits once and returns what it got.
  (func (export "waits") (result i32) (call $wait))
  ;; Traps at once.
  (func (export "traps") unreachable)
)
