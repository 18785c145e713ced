// @args x y
// @exit 1
var x = 5;
print("hello", x, globalThis.x);
setTimeout(() => print("timer 2"), 20);
setTimeout((a,b) => print("timer 1", a, b), 10, "A", "B");
Promise.resolve().then(() => print("micro"));
queueMicrotask(() => print("qm"));
print(typeof window, typeof process, typeof scriptArgs, scriptArgs);
function f() { throw new TypeError("bad thing"); }
setTimeout(() => f(), 30);
