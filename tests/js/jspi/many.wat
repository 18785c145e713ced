(module
  (import "js" "wait" (func $wait (param i32) (result i32)))
  (memory (export "mem") 1)
  (global $count (mut i32) (i32.const 0))
  ;; Each call keeps its own locals and a word of memory across the suspension.
  (func (export "task") (param $id i32) (result i32)
    (local $before i32)
    (local.set $before (i32.mul (local.get $id) (i32.const 3)))
    (i32.store (i32.mul (local.get $id) (i32.const 4)) (local.get $id))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.add
      (i32.add (local.get $before) (call $wait (local.get $id)))
      (i32.load (i32.mul (local.get $id) (i32.const 4)))))
  (func (export "count") (result i32) (global.get $count))
)
