// The Wasm code runs synchronously inside the promising call up to the first suspension, and a
// Suspending import always suspends, even when its function returns a plain value (42 here):
// JS that runs after the promising call returns runs before the Wasm code after the import.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("order.wasm", "binary")), {
  js: {
    step: new WebAssembly.Suspending((x) => { print("import called with", x); return 42; }),
    log: (x) => print("wasm logs", x),
  },
});
const run = WebAssembly.promising(exports.run);
const p = run();
print("promising call returned");
queueMicrotask(() => print("a microtask queued after the call"));
p.then((v) => print("resolved with", v));
