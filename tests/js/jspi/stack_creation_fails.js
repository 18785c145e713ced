// @argv --jspi-stack-size 1000000G $FILE
// When the OS cannot create a stack at all (here: each would be bigger than the address space),
// the promising call rejects with a RangeError that says what failed and what to change; the
// program goes on.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), {
  js: { fetchValue: new WebAssembly.Suspending(async (i) => i), log() {} },
});
WebAssembly.promising(exports.run)(1).then(
  () => print("resolved?!"),
  (e) => print(e.name, e.message.includes("--jspi-stack-size"), e.message.includes("vm.max_map_count")),
);
print("plain exports still work:", exports.state());
