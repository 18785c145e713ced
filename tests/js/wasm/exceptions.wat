(module
  (import "js" "thrower" (func $thrower))
  (tag $e (export "e") (param i32 f64))
  (func (export "throwE") (param i32) (throw $e (local.get 0) (f64.const 2.5)))
  ;; Catches whatever the import throws with tag $e and returns its first value, or -1.
  (func (export "catchE") (result i32)
    (block $h (result i32 f64)
      (try_table (catch $e $h) (call $thrower))
      (return (i32.const -1)))
    (drop))
  ;; Catches whatever the import throws and rethrows it (throw_ref): it must come out the same.
  (func (export "relay")
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $thrower))
      (return))
    (throw_ref))
)
