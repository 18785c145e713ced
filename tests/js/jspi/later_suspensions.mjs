// After its first suspension a promising call goes on in microtasks, each suspension resuming it
// from a job of its own: whatever the import queued, other calls' resumptions, and the caller's
// reactions run in between, in the order they were queued. Two calls on `run` (basic.wat: it calls
// `fetchValue(i)` n times and logs the running sum after each) interleave step by step, and a
// microtask queued by an import (plain or Suspending) runs before the Wasm code after it.
const basic = new WebAssembly.Module(read("basic.wasm", "binary"));

function instance(name, fetchValue) {
  const { exports } = new WebAssembly.Instance(basic, {
    js: { fetchValue: new WebAssembly.Suspending(fetchValue), log: (sum) => print(name, "logs", sum) },
  });
  return WebAssembly.promising(exports.run);
}

// Values that are there at once, plain and as settled promises, with and without microtasks.
const a = instance("a", (i) => {
  if (i === 1) queueMicrotask(() => print("a: microtask queued by fetchValue(1)"));
  return i === 2 ? Promise.resolve(20) : i;
});
const b = instance("b", async (i) => 100 * i);
print("alone:", await a(4));
const both = [a(3), b(3)];
print("both called");
print("together:", (await Promise.all(both)).join(" "));

// A microtask queued by a plain import between two suspensions.
const { exports } = new WebAssembly.Instance(basic, {
  js: {
    fetchValue: new WebAssembly.Suspending((i) => i),
    log: (sum) => {
      print("c logs", sum);
      queueMicrotask(() => print("c: microtask queued by log", sum));
    },
  },
});
print("c:", await WebAssembly.promising(exports.run)(3));
