(module
  (import "js" "wait" (func $wait (param i32) (result i32)))
  ;; Each call keeps its argument in a local across its suspension.
  (func (export "task") (param $id i32) (result i32)
    (i32.add (local.get $id) (call $wait (local.get $id)))))
