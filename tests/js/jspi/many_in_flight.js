// Any number of promising calls may be in flight on one instance; they resume in settlement
// order (scrambled here), keep their own Wasm locals, and plain exports run in between.
const N = 2000;
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("many.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => resolvers.push([id, resolve]))) },
});
const task = WebAssembly.promising(exports.task);
const results = [];
for (let i = 0; i < N; i++) results.push(task(i));
print("started", N, "in flight:", resolvers.length, "plain export meanwhile:", exports.count());
// Settle in a scrambled order.
const order = resolvers.map((_, i) => (i * 7919) % N);
const finished = [];
for (const i of order) {
  const [id, resolve] = resolvers[i];
  resolve(id * 2);
}
Promise.all(results).then((values) => {
  let ok = true;
  for (let i = 0; i < N; i++) if (values[i] !== i * 3 + i * 2 + i) ok = false;
  print("all results correct:", ok, "count:", exports.count());
});
