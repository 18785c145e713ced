// @argv --jspi-max-stacks 300 $FILE
// Promising calls started inside Suspending imports' functions nest on the main stack, each level
// deeper, until no room is left: the next call rejects with a RangeError saying so, and nothing
// is lost. Whether the call needed a new stack (its creation runs on the main stack) or found an
// idle one (whose worker then stays idle for the next call, and suspended as far as wasmtime's
// collector knows, so a collection afterwards still finds its frames intact).
const waits = [];
let deepest;
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("deep_nesting.wasm", "binary")), {
  js: {
    wait: new WebAssembly.Suspending((id) => {
      if (id < 0) {
        // Nest: start the next call from here and wait for it.
        const inner = task(id - 1);
        inner.catch((e) => { deepest ??= e; });
        return inner;
      }
      return new Promise((resolve) => waits.push(resolve));
    }),
  },
});
const task = WebAssembly.promising(exports.task);
const report = (e) => print(`${e.constructor.name}: ${e.message}`);

// Nesting with no idle stack: each level creates one, until creating one finds no room. The
// error rejects the innermost call and, uncaught in Wasm, every call around it.
const outer = await task(-1).catch((e) => e);
report(deepest);
print("the outermost call rejected with it too:", outer === deepest);
// The stacks made meanwhile are idle now; fill the rest of the 300 with calls that wait, and
// finish them all: 300 idle stacks.
const calls = Array.from({ length: 300 }, (_, i) => task(i));
print("in flight:", waits.length);
waits.splice(0).forEach((resolve, i) => resolve(i));
print("finished:", (await Promise.all(calls)).length);
// Nesting on idle stacks, until entering one finds no room.
deepest = undefined;
await task(-1).catch(() => {});
report(deepest);
// A garbage collection walks the frames of every suspended worker, the idle ones included.
for (let i = 0; i < 20; i++) exports.churn(100_000);
// No stack was lost: 300 calls fit again.
const again = Array.from({ length: 300 }, (_, i) => task(i));
print("in flight again:", waits.length);
waits.splice(0).forEach((resolve) => resolve(1));
print("finished again:", (await Promise.all(again)).length);
