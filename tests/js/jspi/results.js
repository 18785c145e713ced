// The awaited value is converted to the import's result types (several results through the
// iterable protocol); the promising call resolves with undefined, the value, or an Array. A
// conversion error is thrown into Wasm at the import and rejects the call.
const token = { identity: "kept" };
let bigValue = 5n;
const later = (v) => new Promise((r) => setTimeout(() => r(v), 1));
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("results.wasm", "binary")), {
  js: {
    two: new WebAssembly.Suspending(() => later(new Set([2, 0.5]))),
    big: new WebAssembly.Suspending(() => later(bigValue)),
    ext: new WebAssembly.Suspending(() => later(token)),
  },
});
const sum = WebAssembly.promising(exports.sum);
const big = WebAssembly.promising(exports.big);
const ext = WebAssembly.promising(exports.ext);
const pair = WebAssembly.promising(exports.pair);
(async () => {
  print("sum", await sum());
  print("big", await big(), typeof (await big()));
  print("externref identity", (await ext()) === token);
  print("several results", JSON.stringify((await pair()).map(String)));
  bigValue = 5;
  try { await big(); } catch (e) { print("conversion error rejects:", e.name); }
})();
