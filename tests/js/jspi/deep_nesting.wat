;; A call that waits once, and a loop that makes garbage for wasmtime's collector.
(module
  (import "js" "wait" (func $wait (param i32) (result i32)))
  (type $s (struct (field i32) (field i64)))
  (func (export "task") (param $id i32) (result i32)
    (call $wait (local.get $id)))
  (func (export "churn") (param $n i32)
    (loop $l
      (drop (struct.new $s (local.get $n) (i64.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $n) (i32.const 0)))))
)
