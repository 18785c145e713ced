;; The shape of what emcc -fwasm-exceptions -sJSPI makes of C++ code (legacy exception handling):
;; a `__cpp_exception` tag carrying a pointer, cleanup landing pads (catch_all ... rethrow 0) that
;; run destructors, `catch` for C++ catch clauses, `delegate` where an unwind destination skips a
;; handler, a shadow stack pointer in a global, and an async import called in the middle of it.
(module
  (import "env" "fetch_value" (func $fetch (param i32) (result i32)))
  (import "env" "destructor" (func $destructor (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "negative value\00")
  (tag $cpp (export "__cpp_exception") (param i32))
  (global $sp (mut i32) (i32.const 4096))

  ;; int get(int i): fetches asynchronously; throws "negative value" for a negative result.
  (func $get (param $i i32) (result i32)
    (local $v i32)
    (local.set $v (call $fetch (local.get $i)))
    (if (i32.lt_s (local.get $v) (i32.const 0)) (then (throw $cpp (i32.const 16))))
    local.get $v)

  ;; int sum(int n) { Guard g; int total = 0;
  ;;   for (int i = 0; i < n; i++) try { total += get(i); if (i == 4) total += get(-i); }
  ;;                               catch (const char*) { total += 1000; }
  ;;   return total; }
  ;; The second get's exceptions are delegated past the guard's landing pad (LLVM emits this when
  ;; a call must unwind straight to the catch clause).
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $total i32) (local $frame i32)
    (local.set $frame (global.get $sp))
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    block $done
      loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        try
          try
            (local.set $total (i32.add (local.get $total) (call $get (local.get $i))))
            (if (i32.eq (local.get $i) (i32.const 4))
              (then
                try
                  (local.set $total (i32.add (local.get $total)
                    (call $get (i32.sub (i32.const 0) (local.get $i)))))
                delegate 2))
          catch_all
            (call $destructor (local.get $frame))
            rethrow 0
          end
        catch $cpp
          drop
          (local.set $total (i32.add (local.get $total) (i32.const 1000)))
        end
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        br $next
      end
    end
    (global.set $sp (local.get $frame))
    local.get $total)

  ;; int main(int n) { return get(n) + sum(n); } with a landing pad that restores the stack pointer.
  (func (export "main") (param $n i32) (result i32)
    (local $frame i32)
    (local.set $frame (global.get $sp))
    try (result i32)
      (call $get (local.get $n))
      (call $sum (local.get $n))
      i32.add
    catch_all
      (global.set $sp (local.get $frame))
      rethrow 0
    end)

  (func (export "stackPointer") (result i32) global.get $sp))
