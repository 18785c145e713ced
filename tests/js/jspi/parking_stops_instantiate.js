// @argv --jspi-resident-stacks 1 --trace-jspi $FILE
// Instantiating a module that can allocate in the GC heap (it defines a tag, so its code can
// throw) stops parking and restores the parked stacks, before any of its code runs.
const waiting = new Map();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("parking.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => waiting.set(id, resolve))) },
});
const task = WebAssembly.promising(exports.task);
const calls = [1, 2, 3].map((id) => task(id, 5));
const thrower = new WebAssembly.Instance(new WebAssembly.Module(read("throws.wasm", "binary")));
try {
  thrower.exports.fail(42);
} catch (e) {
  print("caught:", e instanceof WebAssembly.Exception, e.getArg(thrower.exports.oops, 0));
}
[3, 1, 2].forEach((id) => waiting.get(id)(id * 1000));
Promise.all(calls).then((results) => print("results:", results.join()));
