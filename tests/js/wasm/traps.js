// Traps are RuntimeErrors saying which trap and in which function; stack overflow is a
// RangeError (as V8). The instance stays usable afterwards.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("traps.wasm", "binary")));
for (const name of ["unreachable", "oob", "divZero", "overflow", "badConvert", "tableOob", "sigMismatch", "recurse"]) {
  try {
    exports[name](0);
    print(name, "returned?!");
  } catch (e) {
    print(name, "->", e.name, e instanceof WebAssembly.RuntimeError, "|", e.message);
  }
}
print("still usable:", exports.divZero(1));
function f() { exports.unreachable(); }
try { f(); } catch (e) { print(e.stack.includes("traps.js:13"), "(the JS caller is on the stack)"); }
