// new WebAssembly.Instance instantiates synchronously; `exports` is a frozen, null-prototype
// object, and each exported function is one JS function object with name = its function index
// and length = its parameter count.
const module = new WebAssembly.Module(read("basic.wasm", "binary"));
const instance = new WebAssembly.Instance(module, { env: { log: (x) => x } });
const { exports } = instance;
print(String(instance), Object.getPrototypeOf(exports), Object.isFrozen(exports), Object.keys(exports).join());
print(exports === instance.exports, exports.add === exports.add, typeof exports.add);
print(exports.add.name, exports.add.length, exports.callLog.name, exports.noResult.length);
print(exports.add(2, 3), exports.noResult(), exports.table.get(0) === exports.add);
const d = Object.getOwnPropertyDescriptor(WebAssembly.Instance.prototype, "exports");
print(typeof d.get, d.set, d.enumerable, d.configurable);
try { new exports.add(); } catch (e) { print("new on an exported function:", e.name); }
const other = new WebAssembly.Instance(module, { env: { log: (x) => x } });
print(other.exports.add === exports.add, other.exports.mem === exports.mem);
