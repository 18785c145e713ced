// @argv --trace-jspi $FILE
// --trace-jspi reports each suspension and resumption on stderr: which export, which import,
// and how long the call stayed suspended.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), {
  js: {
    fetchValue: new WebAssembly.Suspending((i) => new Promise((r) => setTimeout(() => r(i), 5))),
    log() {},
  },
});
WebAssembly.promising(exports.run)(2).then((v) => print("result", v));
