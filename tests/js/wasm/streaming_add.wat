;; A module for the streaming fixtures: one import, one export.
(module
  (import "env" "scale" (func $scale (param i32) (result i32)))
  (func (export "addScaled") (param i32 i32) (result i32)
    (call $scale (i32.add (local.get 0) (local.get 1)))))
