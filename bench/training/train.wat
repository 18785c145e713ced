;; The training program's module (see train.mjs): sequential code that reaches JS through
;; imports, as compiled C does: a Suspending `fetch` that hands back a value later, a plain `log`
;; that it calls on the main path, a memory it fills and sums.
(module
  (import "host" "fetch" (func $fetch (param i32) (result i32)))
  (import "host" "fetch_pair" (func $fetch_pair (param f64) (result f64 i32)))
  (import "host" "log" (func $log (param i32 f64)))
  (import "host" "boxed" (func $boxed (param externref) (result externref)))
  (memory (export "memory") 1)

  ;; Reads `n` records through `fetch`, logging every eighth, and returns their checksum.
  (func (export "read_records") (param $n i32) (result i32)
    (local $i i32) (local $sum i32) (local $v i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (call $fetch (local.get $i)))
        (i32.store (i32.shl (i32.and (local.get $i) (i32.const 1023)) (i32.const 2)) (local.get $v))
        (local.set $sum (i32.xor (i32.rotl (local.get $sum) (i32.const 5)) (local.get $v)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 7)))
          (then (call $log (local.get $i) (f64.convert_i32_s (local.get $sum)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; Two-valued results and floats through a Suspending import.
  (func (export "pairs") (param $n i32) (result f64)
    (local $acc f64) (local $f f64) (local $k i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (call $fetch_pair (f64.convert_i32_u (local.get $n)))
        (local.set $k)
        (local.set $f)
        (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $f) (f64.convert_i32_s (local.get $k)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; A rejected fetch arrives as an exception: catch it and count it.
  (func (export "read_or_count_failures") (param $n i32) (result i32)
    (local $failed i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (block $caught
          (try_table (catch_all $caught)
            (drop (call $fetch (local.get $n))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next))
        (local.set $failed (i32.add (local.get $failed) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $failed))

  ;; Plain calls both ways, with references.
  (func (export "echo") (param $x externref) (result externref)
    (call $boxed (local.get $x)))
  (func (export "sum") (param $len i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
)
