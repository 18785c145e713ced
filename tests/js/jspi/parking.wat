;; Calls whose frames hold state across a suspension, at several depths, for the parking tests.
(module
  (import "js" "wait" (func $wait (param i32) (result i32)))
  ;; Recurses `depth` frames below the first, each with locals derived from `id` and its depth,
  ;; suspends at the bottom, and checks every frame's locals on the way back up: the result is
  ;; the awaited value plus one per frame, or -1 if any frame lost its locals.
  (func $dive (param $id i32) (param $depth i32) (result i32)
    (local $a i64) (local $b f64) (local $r i32)
    (local.set $a (i64.mul (i64.extend_i32_u (local.get $id)) (i64.const 7919)))
    (local.set $b (f64.convert_i32_u (i32.add (local.get $id) (local.get $depth))))
    (if (i32.eqz (local.get $depth))
      (then (local.set $r (call $wait (local.get $id))))
      (else (local.set $r (call $dive (local.get $id) (i32.sub (local.get $depth) (i32.const 1))))))
    (if (i64.ne (local.get $a) (i64.mul (i64.extend_i32_u (local.get $id)) (i64.const 7919)))
      (then (return (i32.const -1))))
    (if (f64.ne (local.get $b) (f64.convert_i32_u (i32.add (local.get $id) (local.get $depth))))
      (then (return (i32.const -1))))
    (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
    (i32.add (local.get $r) (i32.const 1)))
  (func (export "task") (param $id i32) (param $depth i32) (result i32)
    (call $dive (local.get $id) (local.get $depth)))
  ;; Suspends, then traps.
  (func (export "crash") (param $id i32) (result i32)
    (drop (call $wait (local.get $id)))
    unreachable)
  ;; Two dives, so the call suspends twice (waiting on `id`, then on `id` + 10000) on fresh frames:
  ;; the sum of both results, or -1.
  (func (export "twice") (param $id i32) (param $depth i32) (result i32)
    (local $first i32) (local $second i32)
    (local.set $first (call $dive (local.get $id) (local.get $depth)))
    (local.set $second (call $dive (i32.add (local.get $id) (i32.const 10000)) (local.get $depth)))
    (if (i32.or (i32.lt_s (local.get $first) (i32.const 0)) (i32.lt_s (local.get $second) (i32.const 0)))
      (then (return (i32.const -1))))
    (i32.add (local.get $first) (local.get $second)))
)
