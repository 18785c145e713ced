// @argv --jspi-max-stacks 3 $FILE
// Past the stack limit a promising call rejects with a RangeError that says what the limit is
// and how to raise it; the process and the calls already in flight go on.
const resolvers = [];
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("many.wasm", "binary")), {
  js: { wait: new WebAssembly.Suspending((id) => new Promise((resolve) => resolvers.push(() => resolve(id)))) },
});
const task = WebAssembly.promising(exports.task);
const calls = [0, 1, 2, 3, 4].map((i) => task(i).then((v) => `call ${i} resolved ${v}`, (e) => `call ${i} rejected: ${e.name}: ${e.message}`));
print("suspended:", resolvers.length);
resolvers.forEach((resolve) => resolve());
Promise.all(calls).then((lines) => {
  lines.forEach((l) => print(l));
  // Finished calls gave their stacks back: three more fit.
  return Promise.all([5, 6, 7].map((i) => { const p = task(i); resolvers[i - 2](); return p; }));
}).then((values) => print("after the first calls finished:", values.join()));
