// @exit 3
// quit(code) ends the task that called it (past catch and finally) and cancels intervals, but
// already-scheduled one-shot timers and promise jobs still run; the process then exits with code.
let atQuit = -1;
setTimeout(() => print("one-shot timer still runs; no interval ran after quit:", n === atQuit), 40);
let n = 0;
setInterval(() => { if (++n === 1) print("interval ran"); }, 5);
setTimeout(() => {
  Promise.resolve().then(() => print("pending microtask still runs"));
  atQuit = n;
  try {
    quit(3);
  } catch (e) {
    print("caught: must not happen");
  } finally {
    print("finally: must not happen");
  }
  print("not reached");
}, 12);
