// WebAssembly.Global: value types, mutability, value get/set, valueOf, i64 as BigInt, v128
// errors, and a global shared with Wasm.
const cases = [["i32", 42.9], ["i64", 2n ** 40n], ["f32", 0.1], ["f64", 0.1], ["externref", { k: 1 }], ["anyfunc", null]];
for (const [type, v] of cases) {
  const g = new WebAssembly.Global({ value: type, mutable: true }, v);
  print(type, typeof g.value, JSON.stringify(String(g.value)), g.valueOf() === g.value || typeof v === "object");
}
print("defaults:", new WebAssembly.Global({ value: "i32" }).value, new WebAssembly.Global({ value: "i64" }).value,
      new WebAssembly.Global({ value: "externref" }).value, new WebAssembly.Global({ value: "anyfunc" }).value);
const immutable = new WebAssembly.Global({ value: "i32" }, 1);
try { immutable.value = 2; } catch (e) { print(e.name, e.message); }
const mutable = new WebAssembly.Global({ value: "i32", mutable: true }, 1);
mutable.value = "7";
print(mutable.value, mutable + 1, String(mutable));
for (const [d, v] of [[{ value: "v128" }, undefined], [{ value: "i64" }, 5], [{ value: "nope" }, 0], [{}, 0], [undefined, 0]]) {
  try { new WebAssembly.Global(d, v); } catch (e) { print(JSON.stringify(d), "->", e.name, e.message); }
}
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), { env: { log: (x) => x } });
print("exported:", exports.counter instanceof WebAssembly.Global, exports.counter.value);
exports.counter.value = 5;
print(exports.counter.value);
const d = Object.getOwnPropertyDescriptor(WebAssembly.Global.prototype, "value");
print(typeof d.get, typeof d.set, d.enumerable, d.configurable);
