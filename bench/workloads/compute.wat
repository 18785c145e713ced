;; Compute and call-overhead workloads.
(module
  (import "js" "inc" (func $inc (param i32) (result i32)))
  (memory (export "mem") 1024)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  ;; Calls the JS import n times.
  (func (export "callJs") (param $n i32) (result i32)
    (local $acc i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call $inc (local.get $acc)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  ;; Fills `len` bytes, then sums them as u32 words with a rotate-xor checksum.
  (func (export "checksum") (param $len i32) (result i32)
    (local $i i32) (local $acc i32)
    (memory.fill (i32.const 0) (i32.const 0x5a) (local.get $len))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 5)) (i32.load (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (local.get $acc))
)
