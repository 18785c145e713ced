const fetchValue = new WebAssembly.Suspending(async (i) => {
  await new Promise((r) => setTimeout(r, 1));
  return i * 10;
});
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), {
  js: { fetchValue, log: (s) => print("log", s) },
});
const run = WebAssembly.promising(exports.run);
print(typeof run, run.length, JSON.stringify(run.name));
const p = run(4);
print("returned", p instanceof Promise);
p.then((v) => print("result", v));
try { exports.plain(); } catch (e) { print(e.name, e.message); }
