(module
  (import "js" "tag" (tag $imported (param i32)))
  (import "js" "jstag" (tag $jstag (param externref)))
  (import "js" "thrower" (func $thrower))
  (tag $own (export "own") (param f64))
  (export "imported" (tag $imported))
  ;; Catches the JS exception the import throws by its tag and returns the JS value itself.
  (func (export "catchJsValue") (result externref)
    (block $h (result externref)
      (try_table (catch $jstag $h) (call $thrower))
      (return (ref.null extern))))
  ;; Throws with the imported tag and catches it again by that tag.
  (func (export "roundTrip") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $imported $h) (throw $imported (local.get 0)))
      (return (i32.const -1))))
)
