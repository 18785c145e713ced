(module
  (import "js" "step" (func $step (param i32) (result i32)))
  (import "js" "log" (func $log (param i32)))
  (func (export "run") (result i32)
    (call $log (i32.const 1))
    (call $log (call $step (i32.const 2)))
    (call $log (i32.const 3))
    (i32.const 99))
)
