;; Plays a C program compiled by Emscripten with -sJSPI, for the glue in glue.js: it imports WASI
;; calls (fd_write, fd_read, random_get, proc_exit) and Emscripten library functions
;; (emscripten_sleep, which suspends, emscripten_get_now, emscripten_set_timeout), and exports
;; `main`, the stack helpers the glue uses to put argv on the C stack, `__wasm_call_ctors` and the
;; function table. `main(argc, argv)` runs the command named by argv[1]:
;;
;;   hello        one line on stdout
;;   args         argc and each argv[i]
;;   cat          reads stdin to the end, prints each line numbered, then the line and byte counts
;;   random       two random_get draws of 1024 bytes: do they differ, are they spread out
;;   sleep        emscripten_sleep(20) three times; stack data in linear memory checked after
;;   exit-later   schedules a timer callback, returns 3 at once
;;   exit         sleeps, then exit(4) through proc_exit, in the middle of main
;;   stderr       a line on stderr (written in two pieces) and one on stdout
;;   trap         traps (unreachable)
;;   clock        clock_time_get (i64 arguments, a 64-bit result) on both clocks around a sleep
;;   grow         after a sleep, grows the memory as malloc would (emscripten_resize_heap) and
;;                prints a string stored in the new pages
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "env" "emscripten_sleep" (func $sleep (param i32)))
  (import "env" "emscripten_get_now" (func $now (result f64)))
  (import "env" "emscripten_set_timeout" (func $set_timeout (param i32 f64 i32) (result i32)))
  (import "env" "emscripten_resize_heap" (func $resize_heap (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))

  ;; 0..1023 unused, 1024..4095 strings (64-byte slots), 4096.. scratch, 8192.. buffers,
  ;; 65536..131072 the C stack (growing down).
  (memory (export "memory") 2)
  (global $sp (mut i32) (i32.const 131072))
  (global $constructed (mut i32) (i32.const 0))
  (global $main_returned (mut i32) (i32.const 0))
  (table (export "__indirect_function_table") 2 funcref)
  (elem (i32.const 1) $on_timer)

  (data (i32.const 1024) "\n\00")
  (data (i32.const 1088) "hello\00")
  (data (i32.const 1152) "args\00")
  (data (i32.const 1216) "cat\00")
  (data (i32.const 1280) "random\00")
  (data (i32.const 1344) "sleep\00")
  (data (i32.const 1408) "exit-later\00")
  (data (i32.const 1472) "exit\00")
  (data (i32.const 1536) "stderr\00")
  (data (i32.const 1600) "trap\00")
  (data (i32.const 1664) "usage: program hello|args|cat|random|sleep|exit-later|exit|stderr|trap|clock|grow\00")
  (data (i32.const 1792) "hello from main; constructors ran: \00")
  (data (i32.const 1856) "yes\00")
  (data (i32.const 1920) "no\00")
  (data (i32.const 1984) "argc: \00")
  (data (i32.const 2048) "argv[\00")
  (data (i32.const 2112) "]: \00")
  (data (i32.const 2176) "line \00")
  (data (i32.const 2240) ": \00")
  (data (i32.const 2304) " lines, \00")
  (data (i32.const 2368) " bytes\00")
  (data (i32.const 2432) "random: two draws of 1024 bytes differ: \00")
  (data (i32.const 2496) "random: over 128 distinct byte values in one draw: \00")
  (data (i32.const 2560) "main: sleeping 20 ms\00")
  (data (i32.const 2624) "main: woke up \00")
  (data (i32.const 2688) ", at least 19 ms later: \00")
  (data (i32.const 2752) "main: stack data intact after the sleeps: \00")
  (data (i32.const 2816) "main: returning 3 with a timer pending\00")
  (data (i32.const 2880) "timer: user data \00")
  (data (i32.const 2944) ", main had returned: \00")
  (data (i32.const 3008) "main: sleeping, then exit(4)\00")
  (data (i32.const 3072) "main: calling exit(4)\00")
  (data (i32.const 3136) "main: still running after exit\00")
  (data (i32.const 3200) "warn\00")
  (data (i32.const 3264) "ing: written to stderr in two pieces\n\00")
  (data (i32.const 3328) "to stdout\00")
  (data (i32.const 3392) "main: about to trap\00")
  (data (i32.const 3456) "stdin: read failed with errno \00")
  (data (i32.const 3520) "random_get failed\00")
  (data (i32.const 3584) "clock\00")
  (data (i32.const 3648) "grow\00")
  (data (i32.const 3712) "clock: the realtime clock is past 2024: \00")
  (data (i32.const 3776) "clock: the monotonic clock advanced 19 ms or more: \00")
  (data (i32.const 3840) "grow: emscripten_resize_heap succeeded: \00")
  (data (i32.const 3904) "grow: this line was stored in the new pages\00")
  (data (i32.const 3968) "clock_time_get failed\00")

  ;; --- the C stack, as Emscripten's stack helpers expose it ---
  (func (export "_emscripten_stack_alloc") (param $size i32) (result i32)
    (global.set $sp (i32.and (i32.sub (global.get $sp) (local.get $size)) (i32.const -16)))
    (global.get $sp))
  (func (export "_emscripten_stack_restore") (param $ptr i32)
    (global.set $sp (local.get $ptr)))
  (func (export "emscripten_stack_get_current") (result i32)
    (global.get $sp))
  (func (export "__wasm_call_ctors")
    (global.set $constructed (i32.const 1)))

  ;; --- a little libc ---
  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func $streq (param $a i32) (param $b i32) (result i32)
    (loop $next
      (if (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b)))
        (then (return (i32.const 0))))
      (if (i32.eqz (i32.load8_u (local.get $a)))
        (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $next))
    (i32.const 0))

  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 4096) (local.get $ptr))
    (i32.store (i32.const 4100) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 4096) (i32.const 1) (i32.const 4104))))

  (func $str (param $fd i32) (param $s i32)
    (call $write (local.get $fd) (local.get $s) (call $strlen (local.get $s))))

  (func $newline (param $fd i32)
    (call $write (local.get $fd) (i32.const 1024) (i32.const 1)))

  (func $puts (param $s i32)
    (call $str (i32.const 1) (local.get $s))
    (call $newline (i32.const 1)))

  ;; `n` in decimal, built backwards in 4128..4160.
  (func $num (param $fd i32) (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 4160))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $write (local.get $fd) (local.get $p) (i32.sub (i32.const 4160) (local.get $p))))

  (func $yes_no (param $cond i32) (result i32)
    (select (i32.const 1856) (i32.const 1920) (local.get $cond)))

  ;; --- the commands ---
  (func $hello (result i32)
    (call $str (i32.const 1) (i32.const 1792))
    (call $puts (call $yes_no (global.get $constructed)))
    (i32.const 0))

  (func $args (param $argc i32) (param $argv i32) (result i32)
    (local $i i32)
    (call $str (i32.const 1) (i32.const 1984))
    (call $num (i32.const 1) (local.get $argc))
    (call $newline (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $argc)))
        (call $str (i32.const 1) (i32.const 2048))
        (call $num (i32.const 1) (local.get $i))
        (call $str (i32.const 1) (i32.const 2112))
        (call $puts (i32.load (i32.add (local.get $argv) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; argv[argc] is the terminating null pointer
    (i32.ne (i32.load (i32.add (local.get $argv) (i32.shl (local.get $argc) (i32.const 2)))) (i32.const 0)))

  ;; Reads stdin (up to 16 KiB, at 8192) in 100-byte reads until a read returns 0 bytes.
  (func $cat (result i32)
    (local $total i32) (local $errno i32) (local $n i32) (local $i i32) (local $start i32) (local $lines i32)
    (loop $more
      (i32.store (i32.const 4112) (i32.add (i32.const 8192) (local.get $total)))
      (i32.store (i32.const 4116) (i32.const 100))
      (local.set $errno (call $fd_read (i32.const 0) (i32.const 4112) (i32.const 1) (i32.const 4120)))
      (if (local.get $errno)
        (then
          (call $str (i32.const 2) (i32.const 3456))
          (call $num (i32.const 2) (local.get $errno))
          (call $newline (i32.const 2))
          (return (i32.const 1))))
      (local.set $n (i32.load (i32.const 4120)))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (br_if $more (i32.and (i32.ne (local.get $n) (i32.const 0))
                            (i32.le_u (local.get $total) (i32.const 16284)))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $total)))
        (if (i32.eq (i32.load8_u (i32.add (i32.const 8192) (local.get $i))) (i32.const 10))
          (then
            (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
            (call $str (i32.const 1) (i32.const 2176))
            (call $num (i32.const 1) (local.get $lines))
            (call $str (i32.const 1) (i32.const 2240))
            ;; the line with its newline
            (call $write (i32.const 1) (i32.add (i32.const 8192) (local.get $start))
              (i32.add (i32.sub (local.get $i) (local.get $start)) (i32.const 1)))
            (local.set $start (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $num (i32.const 1) (local.get $lines))
    (call $str (i32.const 1) (i32.const 2304))
    (call $num (i32.const 1) (local.get $total))
    (call $puts (i32.const 2368))
    (i32.const 0))

  ;; Draws A at 24576 and B at 25600; byte values seen in A marked at 26624..26880.
  (func $random (result i32)
    (local $i i32) (local $differ i32) (local $distinct i32) (local $b i32)
    (if (i32.or (call $random_get (i32.const 24576) (i32.const 1024))
                (call $random_get (i32.const 25600) (i32.const 1024)))
      (then
        (call $str (i32.const 2) (i32.const 3520))
        (call $newline (i32.const 2))
        (return (i32.const 1))))
    (memory.fill (i32.const 26624) (i32.const 0) (i32.const 256))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 1024)))
        (local.set $b (i32.load8_u (i32.add (i32.const 24576) (local.get $i))))
        (if (i32.ne (local.get $b) (i32.load8_u (i32.add (i32.const 25600) (local.get $i))))
          (then (local.set $differ (i32.const 1))))
        (if (i32.eqz (i32.load8_u (i32.add (i32.const 26624) (local.get $b))))
          (then
            (i32.store8 (i32.add (i32.const 26624) (local.get $b)) (i32.const 1))
            (local.set $distinct (i32.add (local.get $distinct) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $str (i32.const 1) (i32.const 2432))
    (call $puts (call $yes_no (local.get $differ)))
    (call $str (i32.const 1) (i32.const 2496))
    (call $puts (call $yes_no (i32.gt_u (local.get $distinct) (i32.const 128))))
    (i32.const 0))

  ;; Three sleeps; a 16-byte frame on the C stack holds a pattern that is checked afterwards.
  (func $sleep_three_times (result i32)
    (local $frame i32) (local $i i32) (local $before f64)
    (local.set $frame (i32.sub (global.get $sp) (i32.const 16)))
    (global.set $sp (local.get $frame))
    (i64.store (local.get $frame) (i64.const 0x0123456789abcdef))
    (i64.store offset=8 (local.get $frame) (i64.const 0x7766554433221100))
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (call $puts (i32.const 2560))
      (local.set $before (call $now))
      (call $sleep (i32.const 20))
      (call $str (i32.const 1) (i32.const 2624))
      (call $num (i32.const 1) (local.get $i))
      (call $str (i32.const 1) (i32.const 2688))
      (call $puts (call $yes_no (f64.ge (f64.sub (call $now) (local.get $before)) (f64.const 19))))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))
    (call $str (i32.const 1) (i32.const 2752))
    (call $puts (call $yes_no (i32.and
      (i64.eq (i64.load (local.get $frame)) (i64.const 0x0123456789abcdef))
      (i64.eq (i64.load offset=8 (local.get $frame)) (i64.const 0x7766554433221100)))))
    (global.set $sp (i32.add (local.get $frame) (i32.const 16)))
    (i32.const 0))

  (func $on_timer (param $user_data i32)
    (call $str (i32.const 1) (i32.const 2880))
    (call $num (i32.const 1) (local.get $user_data))
    (call $str (i32.const 1) (i32.const 2944))
    (call $puts (call $yes_no (global.get $main_returned))))

  (func $exit_later (result i32)
    (drop (call $set_timeout (i32.const 1) (f64.const 50) (i32.const 42)))
    (call $puts (i32.const 2816))
    (global.set $main_returned (i32.const 1))
    (i32.const 3))

  (func $exit_in_main (result i32)
    (call $puts (i32.const 3008))
    (call $sleep (i32.const 10))
    (call $puts (i32.const 3072))
    (call $proc_exit (i32.const 4))
    (call $puts (i32.const 3136))
    (i32.const 0))

  (func $stderr (result i32)
    (call $str (i32.const 2) (i32.const 3200))
    (call $str (i32.const 2) (i32.const 3264))
    (call $puts (i32.const 3328))
    (i32.const 0))

  (func $trap (result i32)
    (call $puts (i32.const 3392))
    (unreachable))

  ;; Nanoseconds at 4176 (realtime), 4184 and 4192 (monotonic, before and after a 20 ms sleep).
  (func $clock (result i32)
    (if (i32.or (call $clock_time_get (i32.const 0) (i64.const 1000) (i32.const 4176))
                (call $clock_time_get (i32.const 1) (i64.const 1000) (i32.const 4184)))
      (then
        (call $puts (i32.const 3968))
        (return (i32.const 1))))
    (call $sleep (i32.const 20))
    (drop (call $clock_time_get (i32.const 1) (i64.const 1000) (i32.const 4192)))
    (call $str (i32.const 1) (i32.const 3712))
    ;; 2024-01-01T00:00:00Z is 1704067200 s
    (call $puts (call $yes_no
      (i64.gt_u (i64.load (i32.const 4176)) (i64.const 1704067200000000000))))
    (call $str (i32.const 1) (i32.const 3776))
    (call $puts (call $yes_no
      (i64.ge_u (i64.sub (i64.load (i32.const 4192)) (i64.load (i32.const 4184)))
                (i64.const 19000000))))
    (i32.const 0))

  ;; Grows the memory from 2 to at least 4 pages, then copies a line to 200000 (page 3) and
  ;; prints it from there.
  (func $grow (result i32)
    (local $ok i32)
    (call $sleep (i32.const 1))
    (local.set $ok (call $resize_heap (i32.const 262144)))
    (call $str (i32.const 1) (i32.const 3840))
    (call $puts (call $yes_no (i32.and (local.get $ok)
      (i32.ge_u (memory.size) (i32.const 4)))))
    (if (i32.eqz (local.get $ok)) (then (return (i32.const 1))))
    (memory.copy (i32.const 200000) (i32.const 3904) (i32.const 64))
    (call $puts (i32.const 200000))
    (i32.const 0))

  (func (export "main") (param $argc i32) (param $argv i32) (result i32)
    (local $cmd i32)
    (if (i32.lt_s (local.get $argc) (i32.const 2))
      (then
        (call $str (i32.const 2) (i32.const 1664))
        (call $newline (i32.const 2))
        (return (i32.const 2))))
    (local.set $cmd (i32.load offset=4 (local.get $argv)))
    (if (call $streq (local.get $cmd) (i32.const 1088)) (then (return (call $hello))))
    (if (call $streq (local.get $cmd) (i32.const 1152))
      (then (return (call $args (local.get $argc) (local.get $argv)))))
    (if (call $streq (local.get $cmd) (i32.const 1216)) (then (return (call $cat))))
    (if (call $streq (local.get $cmd) (i32.const 1280)) (then (return (call $random))))
    (if (call $streq (local.get $cmd) (i32.const 1344)) (then (return (call $sleep_three_times))))
    (if (call $streq (local.get $cmd) (i32.const 1408)) (then (return (call $exit_later))))
    (if (call $streq (local.get $cmd) (i32.const 1472)) (then (return (call $exit_in_main))))
    (if (call $streq (local.get $cmd) (i32.const 1536)) (then (return (call $stderr))))
    (if (call $streq (local.get $cmd) (i32.const 1600)) (then (return (call $trap))))
    (if (call $streq (local.get $cmd) (i32.const 3584)) (then (return (call $clock))))
    (if (call $streq (local.get $cmd) (i32.const 3648)) (then (return (call $grow))))
    (call $str (i32.const 2) (i32.const 1664))
    (call $newline (i32.const 2))
    (i32.const 2))
)
