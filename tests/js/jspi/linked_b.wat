;; Instance B: imports A's export directly (no JS in between) and calls it through a table,
;; call_ref and directly.
(module
  (import "a" "slowDouble" (func $slowDouble (param i32) (result i32)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $slowDouble)
  (elem declare func $slowDouble)
  (func (export "direct") (param i32) (result i32) (call $slowDouble (local.get 0)))
  (func (export "viaTable") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func (export "viaCallRef") (param i32) (result i32) (call_ref $t (local.get 0) (ref.func $slowDouble)))
  (export "reexported" (func $slowDouble))
)
