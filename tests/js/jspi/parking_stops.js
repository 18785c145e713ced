// @argv --jspi-resident-stacks 1 --trace-jspi $FILE
// Parking stops for good, restoring every parked stack, before the store first allocates in its
// GC heap (here: a WebAssembly.Exception), because a garbage collection reads every suspended
// stack. The parked calls then resume as if nothing happened.
const waiting = new Map();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("parking.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => waiting.set(id, resolve))) },
});
const task = WebAssembly.promising(exports.task);
const calls = [1, 2, 3].map((id) => task(id, id * 10));
print("in flight:", waiting.size);
const tag = new WebAssembly.Tag({ parameters: ["i32"] });
print("exception made, argument:", new WebAssembly.Exception(tag, [7]).getArg(tag, 0));
[2, 1, 3].forEach((id) => waiting.get(id)(id * 1000));
Promise.all(calls).then((results) => print("results:", results.join()));
// Further calls in flight are no longer parked.
const more = [4, 5, 6].map((id) => task(id, 1));
[4, 5, 6].forEach((id) => waiting.get(id)(id * 1000));
Promise.all(more).then((results) => print("more results:", results.join()));
