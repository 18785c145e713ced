(module
  (import "js" "suspending" (func $s (result i32)))
  (import "js" "plainJs" (func $plainJs (result i32)))
  (func (export "callsSuspending") (result i32) (call $s))
  (func (export "callsJs") (result i32) (call $plainJs))
  (func (export "catchless") (result i32) (call $s))
)
