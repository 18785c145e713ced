(module
  (import "js" "mayFail" (func $mayFail (param i32) (result i32)))
  ;; Returns the import's result, or -1 if it threw (catch_all catches JS exceptions too).
  (func (export "guarded") (param i32) (result i32)
    (block $failed
      (try_table (catch_all $failed)
        (return (call $mayFail (local.get 0))))
      (unreachable))
    (i32.const -1))
  (func (export "unguarded") (param i32) (result i32) (call $mayFail (local.get 0)))
  (tag $own (param i32))
  (func (export "throwsOwn") (result i32) (throw $own (i32.const 7)))
)
