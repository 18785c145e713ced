// @argv --jspi-resident-stacks 1 --trace-jspi $FILE
// A rejection is thrown into Wasm as an exception, allocated in the GC heap: parking stops first,
// restoring the parked stacks, and the other calls go on.
const waiting = new Map();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("parking.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve, reject) => waiting.set(id, [resolve, reject]))) },
});
const task = WebAssembly.promising(exports.task);
const calls = [1, 2, 3].map((id) => task(id, 5).then((v) => `task ${id} returned ${v}`, (e) => `task ${id} rejected: ${e.message}`));
waiting.get(2)[1](new Error("no record 2"));
waiting.get(3)[0](3000);
waiting.get(1)[0](1000);
Promise.all(calls).then((lines) => lines.forEach((line) => print(line)));
