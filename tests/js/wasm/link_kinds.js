// Memories, tables, globals and functions can be imported from JS objects or from other
// instances; re-exporting an imported memory gives back the same Memory object.
const mem = new WebAssembly.Memory({ initial: 1 });
new Uint32Array(mem.buffer)[2] = 1234;
const table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
const basic = new WebAssembly.Instance(new WebAssembly.Module(read("basic.wasm", "binary")), { env: { log: (x) => x } });
const inc = new WebAssembly.Instance(new WebAssembly.Module(read("inc.wasm", "binary"))).exports.inc;
table.set(0, inc);
const gMut = new WebAssembly.Global({ value: "i32", mutable: true }, 5);
const imports = { js: { mem, table, g_i32: 7, g_i64: 8n, g_mut: gMut, f: basic.exports.add.length === 2 ? inc : null } };
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("imports.wasm", "binary")), imports);
print(exports.readMem(8), exports.mem === mem, exports.table === table, exports.g_mut === gMut);
print(exports.globals().join(), typeof exports.globals()[1]);
exports.bumpMut();
print(gMut.value, exports.g_mut.value);
gMut.value = 100;
print(exports.globals()[2]);
print(exports.callF(41), "(a Wasm function imported directly)");
print(exports.callTable(1), "(call_indirect through a table set from JS)");
for (const [field, value] of [["g_i32", 7n], ["g_i64", 8], ["g_mut", 5], ["mem", {}], ["table", mem]]) {
  try {
    new WebAssembly.Instance(new WebAssembly.Module(read("imports.wasm", "binary")), { js: { ...imports.js, [field]: value } });
  } catch (e) {
    print(field, "->", e.name, e.message);
  }
}
