// @argv --max-heap-size 24M $FILE
// Wasm exceptions that reach JS and are dropped are forgotten: throwing tens of thousands of
// them through JS runs quickly in a small heap (remembering them all made each lookup slower and
// took over a minute). Identity still holds while an exception is referenced.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("exceptions.wasm", "binary")), {
  js: { thrower() { throw held; } },
});
let held;
let sum = 0;
for (let i = 0; i < 50000; i++) {
  try {
    exports.throwE(i);
  } catch (e) {
    sum += e.getArg(exports.e, 0);
    if (i === 1000) held = e;
  }
}
print("caught 50000, payload sum", sum);
let out;
try { exports.relay(); } catch (e) { out = e; }
print("a kept exception comes back as the same object:", out === held);
