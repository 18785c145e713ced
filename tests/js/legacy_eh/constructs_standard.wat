;; constructs.wat written by hand in the standard form (try_table, throw_ref).
(module
  (import "js" "thrower" (func $thrower (param i32)))
  (import "js" "tag" (tag $js (param externref)))
  (tag $e (export "e") (param i32))
  (tag $f (export "f"))
  (tag $pair (param i32 f64))

  (func (export "catchTag") (param $x i32) (result i32)
    block $h (result i32)
      try_table (result i32) (catch $e $h)
        (if (local.get $x) (then (throw $e (i32.mul (local.get $x) (i32.const 10)))))
        i32.const 1
      end
      return
    end
    i32.const 1
    i32.add)

  (func (export "clauses") (param $x i32) (result i32)
    block $all
      block $ce (result i32)
        block $cf
          try_table (catch $f $cf) (catch $e $ce) (catch_all $all)
            (if (i32.eq (local.get $x) (i32.const 0)) (then (throw $e (i32.const 5))))
            (if (i32.eq (local.get $x) (i32.const 1)) (then (throw $f)))
            (if (i32.eq (local.get $x) (i32.const 2)) (then (throw $pair (i32.const 1) (f64.const 2))))
          end
          (return (i32.const 0))
        end
        (return (i32.const 200))
      end
      (return (i32.add (i32.const 100)))
    end
    i32.const 300)

  (func (export "multiValue") (param $x i32) (result i32 f64)
    local.get $x
    f64.const 0.5
    block $h (param i32 f64) (result i32 f64)
      try_table (param i32 f64) (result i32 f64) (catch $pair $h)
        (if (param i32 f64) (result i32 f64) (i32.gt_s (local.get $x) (i32.const 5))
          (then f64.neg throw $pair)
          (else f64.const 1 f64.add))
      end
      return
    end
    f64.const 100
    f64.add)

  (func (export "rethrowOuter") (param $x i32) (result i32)
    (local $outer exnref)
    block $h (result i32)
      try_table (catch $e $h)
        block $h1 (result i32 exnref)
          try_table (catch_ref $e $h1)
            (throw $e (local.get $x))
          end
          br 1
        end
        local.set $outer
        drop
        block $h2 (result i32)
          try_table (catch $e $h2)
            (throw $e (i32.const -1))
          end
          br 1
        end
        drop
        (throw_ref (local.get $outer))
      end
      (return (i32.const 0))
    end)

  (func (export "rethrowAll") (param $x i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        block $all (result exnref)
          try_table (catch_all_ref $all)
            (throw $e (local.get $x))
          end
          br 1
        end
        throw_ref
      end
      (return (i32.const 0))
    end
    i32.const 1000
    i32.add)

  (func (export "delegateOuter") (param $x i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        (throw $e (local.get $x))
      end
      (return (i32.const 0))
    end)

  (func (export "delegateSkip") (param $x i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        block $pad (result exnref)
          block $all
            try_table (catch_all $all)
              try_table (catch_all_ref $pad)
                (throw $e (local.get $x))
              end
            end
            (return (i32.const 0))
          end
          (return (i32.const -1))
        end
        throw_ref
      end
      unreachable
    end
    i32.const 1000
    i32.add)

  (func $delegateCaller (export "delegateCaller") (param $x i32)
    (throw $e (local.get $x)))
  (func (export "callsDelegateCaller") (param $x i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        (call $delegateCaller (local.get $x))
      end
      (return (i32.const 0))
    end
    i32.const 2000
    i32.add)

  (func (export "delegateInHandler") (param $x i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        block $hf
          try_table (catch $f $hf)
            (throw $f)
          end
          (return (i32.const 0))
        end
        (throw $e (local.get $x))
      end
      unreachable
    end)

  (func (export "branches") (param $x i32) (result i32)
    block $out (result i32)
      block $h (result i32)
        try_table (result i32) (catch $e $h)
          (br_if $out (i32.const 42) (i32.eqz (local.get $x)))
          (throw $e (local.get $x))
        end
        br $out
      end
      i32.const 3
      i32.add
    end)

  (func (export "retry") (param $x i32) (result i32)
    (local $n i32)
    loop $again
      block $h
        try_table (catch $f $h)
          (if (i32.lt_s (local.get $n) (local.get $x)) (then (throw $f)))
        end
        (return (local.get $n))
      end
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      br $again
    end
    unreachable)

  (func (export "jsCatchAll") (param $x i32) (result i32)
    block $all
      try_table (catch_all $all)
        (call $thrower (local.get $x))
      end
      (return (i32.const 0))
    end
    i32.const 1)
  (func (export "jsValue") (param $x i32) (result externref)
    block $h (result externref)
      try_table (catch $js $h)
        (call $thrower (local.get $x))
      end
      (return (ref.null extern))
    end)
  (func (export "jsRethrow") (param $x i32)
    block $all (result exnref)
      try_table (catch_all_ref $all)
        (call $thrower (local.get $x))
      end
      return
    end
    throw_ref))
