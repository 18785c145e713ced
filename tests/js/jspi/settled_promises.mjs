// A Suspending import that returns a promise which is already settled (an `async` function that
// finished without awaiting, `Promise.resolve(v)`, `Promise.reject(e)`) still suspends, and its
// continuation is queued as a microtask at once: after the microtasks queued before the import
// returned, before those queued after. A rejected one is thrown into Wasm and counts as handled
// (no unhandled-rejection report).
const order = new WebAssembly.Module(read("order.wasm", "binary"));
const catching = new WebAssembly.Module(read("catching.wasm", "binary"));

async function inOrder(name, step) {
  const { exports } = new WebAssembly.Instance(order, {
    js: { step: new WebAssembly.Suspending(step), log: (x) => print(name, "wasm logs", x) },
  });
  queueMicrotask(() => print(name, "microtask queued before the call"));
  const p = WebAssembly.promising(exports.run)();
  print(name, "promising call returned");
  queueMicrotask(() => print(name, "microtask queued after the call"));
  print(name, "resolved with", await p);
}

await inOrder("async fn", async (x) => x + 40);
await inOrder("Promise.resolve", (x) => Promise.resolve(x + 50));
await inOrder("pending", (x) => new Promise((resolve) => setTimeout(() => resolve(x + 60), 0)));

const failing = (x) => (x === 0 ? Promise.reject(new Error("refused")) : (async () => { throw new TypeError("bad " + x); })());
const { exports } = new WebAssembly.Instance(catching, { js: { mayFail: new WebAssembly.Suspending(failing) } });
print("guarded, rejected promise:", await WebAssembly.promising(exports.guarded)(0));
print("guarded, async throw:", await WebAssembly.promising(exports.guarded)(1));
try {
  await WebAssembly.promising(exports.unguarded)(2);
} catch (e) {
  print("unguarded rejects with", e.constructor.name, e.message);
}
