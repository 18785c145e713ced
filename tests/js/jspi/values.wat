;; Suspending imports and promising exports of every kind of signature: numeric ones (arguments
;; and results through the runtime's mailbox memory), and ones with references or many values
;; (through host calls).
(module
  (import "js" "mix" (func $mix (param i64 f32 f64 i32) (result f64 i64)))
  (import "js" "echo" (func $echo (param externref i32) (result externref)))
  (import "js" "nine" (func $nine (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (func (export "mix") (param i64 f32 f64 i32) (result f64 i64)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "echo") (param externref) (result externref)
    (call $echo (local.get 0) (i32.const 7)))
  (func (export "nine") (result i32)
    (call $nine (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
                (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9))))
