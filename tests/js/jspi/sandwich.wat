(module
  (import "js" "outer" (func $outer (param i32) (result i32)))
  (import "js" "inner" (func $inner (param i32) (result i32)))
  (func (export "top") (param i32) (result i32) (i32.add (i32.const 1000) (call $outer (local.get 0))))
  (func (export "bottom") (param i32) (result i32) (i32.add (i32.const 100) (call $inner (local.get 0))))
)
