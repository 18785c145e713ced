// @exit 1
// An uncaught exception prints "Uncaught Name: message" and the stack with file:line:column, and
// ends the process with exit code 1 (pending timers are abandoned, as in node).
setTimeout(() => print("must not run"), 1);
function inner() {
  throw new RangeError("out of range");
}
function outer() {
  inner();
}
outer();
