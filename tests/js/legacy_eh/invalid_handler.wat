;; Invalid: the catch_all handler leaves nothing, but the try must produce an i32.
(module (func (result i32) try (result i32) i32.const 1 catch_all end))
