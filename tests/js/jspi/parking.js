// @argv --jspi-resident-stacks 2 --trace-jspi $FILE
// Past --jspi-resident-stacks suspended calls, the stacks of the calls suspended longest are
// parked (their used bytes copied aside, their pages given back to the OS) and restored when the
// calls resume. The calls cannot tell: every frame finds its locals again, whatever the depth and
// the order of resumption, and a trap in a restored call does not disturb the parked others.
const waiting = new Map();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("parking.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => waiting.set(id, resolve))) },
});
const task = WebAssembly.promising(exports.task);
const crash = WebAssembly.promising(exports.crash);
const report = (name) => [(v) => print(`${name} returned ${v}`), (e) => print(`${name} rejected: ${e.name}: ${e.message}`)];
// The call that will trap suspends first, so its stack is parked before it traps.
const calls = new Map([
  [4, crash(4).then(...report("crash(4)"))],
  [1, task(1, 0).then(...report("task(1, 0)"))],
  [2, task(2, 400).then(...report("task(2, 400)"))],
  [3, task(3, 40).then(...report("task(3, 40)"))],
  [5, task(5, 3).then(...report("task(5, 3)"))],
]);
print("in flight:", waiting.size);
// Resume in an order unrelated to the order of suspension, one call at a time.
let chain = Promise.resolve();
for (const id of [3, 4, 1, 5, 2]) {
  chain = chain.then(() => { print("resolving", id); waiting.get(id)(id * 1000); return calls.get(id); });
}
chain.then(() => print("all settled"));
