// @exit 3
// quit(code) ends the task that called it (past catch and finally) and records code; everything
// else goes on (promise jobs, intervals, timers, even ones set after quit), and the process exits
// with code once nothing is left, as node does with process.exitCode.
let quitCalled = false;
const interval = setInterval(() => {
  if (!quitCalled) return;
  print("the interval still runs after quit; it clears itself");
  clearInterval(interval);
  setTimeout(() => print("a timer set after quit runs too"), 5);
}, 5);
setTimeout(() => {
  Promise.resolve().then(() => print("pending microtask still runs"));
  quitCalled = true;
  try {
    quit(3);
  } catch (e) {
    print("caught: must not happen");
  } finally {
    print("finally: must not happen");
  }
  print("not reached");
}, 12);
