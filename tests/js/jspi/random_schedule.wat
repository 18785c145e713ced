;; Calls that suspend several times at the bottom of a recursion, for the randomised schedule test.
(module
  (import "js" "wait" (func $wait (param i32 i32) (result i32)))
  ;; Called as call `id` returns, and as it is about to trap.
  (import "js" "done" (func $done (param i32)))
  (import "js" "dying" (func $dying (param i32)))
  ;; How many times any call came back from `wait` (fulfilled or not).
  (global $resumed (mut i32) (i32.const 0))
  (func (export "resumed") (result i32) (global.get $resumed))
  ;; Waits `steps` times (on `id`, step i), folding the values into a checksum: a rejected wait
  ;; counts as 1000000 (caught here, whatever was thrown), a negative value traps.
  (func $waits (param $id i32) (param $steps i32) (result i32)
    (local $i i32) (local $v i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $steps)))
        (local.set $v (i32.const 1000000))
        (block $rejected
          (try_table (catch_all $rejected)
            (local.set $v (call $wait (local.get $id) (local.get $i)))))
        (global.set $resumed (i32.add (global.get $resumed) (i32.const 1)))
        (if (i32.lt_s (local.get $v) (i32.const 0))
          (then (call $dying (local.get $id)) unreachable))
        (local.set $acc
          (i32.rem_u
            (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $v))
            (i32.const 1000003)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  ;; Recurses `depth` frames, each holding locals derived from `id` and its depth, waits at the
  ;; bottom, and checks every frame's locals on the way back: the checksum plus one per frame,
  ;; or -1 if a frame lost its locals.
  (func $dive (param $id i32) (param $depth i32) (param $steps i32) (result i32)
    (local $a i64) (local $b f64) (local $r i32)
    (local.set $a (i64.mul (i64.extend_i32_u (local.get $id)) (i64.const 7919)))
    (local.set $b (f64.convert_i32_u (i32.add (local.get $id) (local.get $depth))))
    (if (i32.eqz (local.get $depth))
      (then (local.set $r (call $waits (local.get $id) (local.get $steps))))
      (else (local.set $r
        (call $dive (local.get $id) (i32.sub (local.get $depth) (i32.const 1)) (local.get $steps)))))
    (if (i64.ne (local.get $a) (i64.mul (i64.extend_i32_u (local.get $id)) (i64.const 7919)))
      (then (return (i32.const -1))))
    (if (f64.ne (local.get $b) (f64.convert_i32_u (i32.add (local.get $id) (local.get $depth))))
      (then (return (i32.const -1))))
    (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
    (i32.add (local.get $r) (i32.const 1)))
  (func (export "task") (param $id i32) (param $depth i32) (param $steps i32) (result i32)
    (local $r i32)
    (local.set $r (call $dive (local.get $id) (local.get $depth) (local.get $steps)))
    (call $done (local.get $id))
    (local.get $r))
)
