// JSPI.md: Node 26 aborts the whole process between 32,600 and 32,650 promising calls in flight
// (V8's stacks take two of the 65,530 memory mappings Linux allows a process by default, and it
// aborts when they run out). With the same default limit and no option, baton holds more: every
// call below suspends at once, then all resume with their own results.
const N = 32_650;
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("more_than_node.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => resolvers.push([id, resolve]))) },
});
const task = WebAssembly.promising(exports.task);
const rejected = [];
const results = [];
for (let i = 0; i < N; i++) results.push(task(i).catch((e) => rejected.push(e.message)));
Promise.resolve().then(() => {
  print(`${N} calls started, suspended at once: ${resolvers.length}`);
  for (const [id, resolve] of resolvers) resolve(id * 2);
  return Promise.all(results);
}).then((values) => {
  const wrong = values.filter((v, i) => v !== i * 3).length;
  print("resumed with the right results:", wrong === 0, "rejected:", rejected.length);
  if (rejected.length > 0) print(rejected[0]);
});
