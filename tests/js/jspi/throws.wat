;; A module that can throw (it defines a tag): instantiating it means the store may collect garbage.
(module
  (tag $oops (export "oops") (param i32))
  (func (export "fail") (param i32) (throw $oops (local.get 0))))
