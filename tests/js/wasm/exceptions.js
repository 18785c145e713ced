// WebAssembly.Exception: a Wasm exception that escapes to JS is a WebAssembly.Exception (is,
// getArg); thrown back into Wasm it is the same exception, and it comes out as the same object.
// JS can make one and throw it into Wasm, which catches it by its tag.
let toThrow;
const module = new WebAssembly.Module(read("exceptions.wasm", "binary"));
const { exports } = new WebAssembly.Instance(module, {
  js: { thrower() { throw toThrow; } },
});
let escaped;
try {
  exports.throwE(7);
} catch (e) {
  escaped = e;
  print(e instanceof WebAssembly.Exception, e instanceof Error, e.is(exports.e), e.getArg(exports.e, 0), e.getArg(exports.e, 1));
}
const other = new WebAssembly.Tag({ parameters: ["i32"] });
for (const f of [() => escaped.getArg(other, 0), () => escaped.getArg(exports.e, 2), () => escaped.is({})]) {
  try { f(); } catch (e) { print(e.name, e.message); }
}
print("is(other):", escaped.is(other));
toThrow = escaped;
print("thrown back in, caught by its tag in Wasm:", exports.catchE());
try {
  exports.relay();
} catch (e) {
  print("rethrown by Wasm (throw_ref), it comes out as the very same object:", e === escaped);
}
try { exports.throwE(9); } catch (again) { print("a new throw is a new object:", again !== escaped); }
const made = new WebAssembly.Exception(exports.e, [42, 0.5]);
toThrow = made;
print("a JS-made exception caught by tag in Wasm:", exports.catchE());
const traced = new WebAssembly.Exception(exports.e, [1, 2], { traceStack: true });
print("traceStack gives a stack:", typeof traced.stack, "; without:", made.stack);
for (const bad of [() => new WebAssembly.Exception({}, []), () => new WebAssembly.Exception(exports.e, [1]), () => new WebAssembly.Exception(exports.e, 5), () => WebAssembly.Exception(exports.e, [1, 2])]) {
  try { bad(); } catch (e) { print(e.name, e.message); }
}
