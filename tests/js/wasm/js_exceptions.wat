(module
  (import "js" "thrower" (func $thrower (param i32)))
  (func (export "catchAll") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h) (call $thrower (local.get 0)))
      (return (i32.const 0)))
    (i32.const 1))
  (func (export "passThrough") (param i32) (call $thrower (local.get 0)))
  (func (export "rethrow") (param i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
      (return))
    (throw_ref))
)
