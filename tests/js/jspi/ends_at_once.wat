(module
  (func (export "same") (param externref) (result externref) (local.get 0))
  (func (export "answer") (result i32) (i32.const 42))
  (func (export "trap") (result i32) (unreachable))
)
