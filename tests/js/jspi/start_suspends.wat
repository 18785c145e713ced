(module
  (import "js" "suspending" (func $s (result i32)))
  (func $start (drop (call $s)))
  (start $start)
)
