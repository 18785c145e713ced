// The imports a promising call's Wasm code calls run on the main stack while the call is in
// progress, and may do anything there: make new promising wrappers, instantiate modules (whose
// imports get their own adapters) and start promising calls of their own, which suspend and
// finish independently of the call that is running.
const basic = new WebAssembly.Module(read("basic.wasm", "binary"));
const inner = [];

function instantiate(name, log) {
  const { exports } = new WebAssembly.Instance(basic, {
    js: { fetchValue: new WebAssembly.Suspending(async (i) => i + 1), log },
  });
  return exports;
}

const outer = instantiate("outer", (sum) => {
  print("outer logs", sum);
  if (sum !== 1) return;
  // In the middle of the outer call: a new instance, a new wrapper, a new call.
  const exports = instantiate("inner", (s) => print("inner logs", s));
  const run = WebAssembly.promising(exports.run);
  inner.push(run(2).then((v) => print("inner call resolved with", v)));
  print("inner call started");
});
print("outer call resolved with", await WebAssembly.promising(outer.run)(3));
await Promise.all(inner);
