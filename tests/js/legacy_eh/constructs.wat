;; Every legacy exception-handling construct, in the legacy form baton translates. Its twin
;; constructs_standard.wat says the same with try_table/throw_ref; constructs.js runs both.
(module
  (import "js" "thrower" (func $thrower (param i32)))
  (import "js" "tag" (tag $js (param externref)))
  (tag $e (export "e") (param i32))
  (tag $f (export "f"))
  (tag $pair (param i32 f64))

  ;; catch with a payload; no exception: the body's value.
  (func (export "catchTag") (param $x i32) (result i32)
    try (result i32)
      (if (local.get $x) (then (throw $e (i32.mul (local.get $x) (i32.const 10)))))
      i32.const 1
    catch $e
      i32.const 1
      i32.add
    end)

  ;; The first matching clause wins; catch_all takes the rest.
  (func (export "clauses") (param $x i32) (result i32)
    try (result i32)
      (if (i32.eq (local.get $x) (i32.const 0)) (then (throw $e (i32.const 5))))
      (if (i32.eq (local.get $x) (i32.const 1)) (then (throw $f)))
      (if (i32.eq (local.get $x) (i32.const 2)) (then (throw $pair (i32.const 1) (f64.const 2))))
      i32.const 0
    catch $f
      i32.const 200
    catch $e
      i32.const 100
      i32.add
    catch_all
      i32.const 300
    end)

  ;; A try with parameters and several results; the tag carries two values.
  (func (export "multiValue") (param $x i32) (result i32 f64)
    local.get $x
    f64.const 0.5
    try (param i32 f64) (result i32 f64)
      (if (param i32 f64) (result i32 f64) (i32.gt_s (local.get $x) (i32.const 5))
        (then f64.neg throw $pair)
        (else f64.const 1 f64.add))
    catch $pair
      f64.const 100
      f64.add
    end)

  ;; rethrow 1 in a nested handler rethrows the outer handler's exception, not the inner one.
  (func (export "rethrowOuter") (param $x i32) (result i32)
    try (result i32)
      try
        (throw $e (local.get $x))
      catch $e
        drop
        try
          (throw $e (i32.const -1))
        catch $e
          drop
          rethrow 1
        end
      end
      i32.const 0
    catch $e
    end)

  ;; rethrow 0 keeps catch_all's exception; the caller's clause sees its payload.
  (func (export "rethrowAll") (param $x i32) (result i32)
    try (result i32)
      try
        (throw $e (local.get $x))
      catch_all
        rethrow 0
      end
      i32.const 0
    catch $e
      i32.const 1000
      i32.add
    end)

  ;; delegate 0: to the directly enclosing try.
  (func (export "delegateOuter") (param $x i32) (result i32)
    try (result i32)
      try
        (throw $e (local.get $x))
      delegate 0
      i32.const 0
    catch $e
    end)

  ;; delegate 2 skips the middle try's catch_all.
  (func (export "delegateSkip") (param $x i32) (result i32)
    try (result i32)
      try
        block
          try
            (throw $e (local.get $x))
          delegate 2
        end
      catch_all
        (return (i32.const -1))
      end
      i32.const 0
    catch $e
      i32.const 1000
      i32.add
    end)

  ;; delegate to the function's label: to the caller, past every handler here.
  (func $delegateCaller (export "delegateCaller") (param $x i32)
    try
      try
        (throw $e (local.get $x))
      delegate 1
    catch_all
      unreachable
    end)
  (func (export "callsDelegateCaller") (param $x i32) (result i32)
    try (result i32)
      (call $delegateCaller (local.get $x))
      i32.const 0
    catch $e
      i32.const 2000
      i32.add
    end)

  ;; delegate inside a handler, to its own try: that try no longer catches, the outer one does.
  (func (export "delegateInHandler") (param $x i32) (result i32)
    try (result i32)
      try
        (throw $f)
      catch $f
        try
          (throw $e (local.get $x))
        delegate 0
      end
      i32.const 0
    catch $e
    end)

  ;; br out of a try body and out of a handler, with values.
  (func (export "branches") (param $x i32) (result i32)
    block $out (result i32)
      try (result i32)
        (br_if $out (i32.const 42) (i32.eqz (local.get $x)))
        (throw $e (local.get $x))
      catch $e
        i32.const 3
        i32.add
        br $out
      end
    end)

  ;; A try in a loop: each round throws, the handler counts and branches back.
  (func (export "retry") (param $x i32) (result i32)
    (local $n i32)
    loop $again
      try
        (if (i32.lt_s (local.get $n) (local.get $x)) (then (throw $f)))
      catch $f
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        br $again
      end
    end
    local.get $n)

  ;; JS exceptions: caught by catch_all, by the JS tag (with the value), and rethrown as is.
  (func (export "jsCatchAll") (param $x i32) (result i32)
    try (result i32)
      (call $thrower (local.get $x))
      i32.const 0
    catch_all
      i32.const 1
    end)
  (func (export "jsValue") (param $x i32) (result externref)
    try (result externref)
      (call $thrower (local.get $x))
      ref.null extern
    catch $js
    end)
  (func (export "jsRethrow") (param $x i32)
    try
      (call $thrower (local.get $x))
    catch_all
      rethrow 0
    end))
