;; The JSPI workloads' module: `run(k)` suspends k times on the `next` import.
(module
  (import "js" "next" (func $next (param i32) (result i32)))
  (func (export "run") (param $k i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $k)))
        (local.set $acc (i32.add (local.get $acc) (call $next (local.get $k))))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $again)))
    (local.get $acc))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
)
