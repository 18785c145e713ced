// WebAssembly.Table: funcref and externref elements, an initial value, get/set/grow/length, and
// RangeErrors for indices out of bounds or growth past the maximum.
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), { env: { log: (x) => x } });
const funcs = new WebAssembly.Table({ element: "anyfunc", initial: 2, maximum: 4 });
print(String(funcs), funcs.length, funcs.get(0), funcs.get(1));
funcs.set(1, exports.add);
print(funcs.get(1) === exports.add, funcs.get(1)(20, 22));
funcs.set(1);
print("set without a value:", funcs.get(1));
print("grow returns", funcs.grow(2, exports.add), "length", funcs.length, funcs.get(3) === exports.add);
for (const f of [() => funcs.get(4), () => funcs.set(4, null), () => funcs.grow(1), () => funcs.set(0, () => 1), () => funcs.get(-1)]) {
  try { f(); print("no error?!"); } catch (e) { print(e.name, e.message); }
}
const externs = new WebAssembly.Table({ element: "externref", initial: 2 }, "init");
const obj = {};
externs.set(0, obj);
print(externs.get(0) === obj, externs.get(1), externs.grow(1), externs.get(2));
externs.set(1);
print("externref default:", externs.get(1));
const withInit = new WebAssembly.Table({ element: "anyfunc", initial: 3 }, exports.add);
print(withInit.get(2) === exports.add);
for (const d of [{ element: "i32", initial: 1 }, { element: "anyfunc" }, { initial: 1 }, { element: "anyfunc", initial: 2, maximum: 1 }]) {
  try { new WebAssembly.Table(d); } catch (e) { print(JSON.stringify(d), "->", e.name, e.message); }
}
print("exported table:", exports.table.get(0) === exports.add, exports.table.length);
