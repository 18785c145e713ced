// Nesting is legal: promising `top` -> Suspending `outer` -> promising `bottom` -> Suspending
// `inner`. The inner call has its own stack; its promise is returned to `outer`, whose
// Suspending wrapper then suspends `top`.
const log = [];
let bottom;
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("sandwich.wasm", "binary")), {
  js: {
    outer: new WebAssembly.Suspending((x) => { log.push("outer " + x); return bottom(x + 1); }),
    inner: new WebAssembly.Suspending(async (x) => { log.push("inner " + x); await null; return x * 10; }),
  },
});
bottom = WebAssembly.promising(exports.bottom);
WebAssembly.promising(exports.top)(1).then((v) => print(log.join(", "), "->", v));
