// Whenever the size changes, the old buffer is detached (byteLength 0) and `buffer` is a new,
// larger ArrayBuffer: after a grow from JS, and after a grow from Wasm, seen as soon as control
// is back in JS. grow returns the old size in pages; grow(0) also replaces the buffer.
const mem = new WebAssembly.Memory({ initial: 1, maximum: 8 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("memory.wasm", "binary")), { js: { mem } });
new Uint8Array(mem.buffer)[5] = 5;
let old = mem.buffer;
print("grow from JS returns", mem.grow(1), "; old", old.byteLength, "new", mem.buffer.byteLength, "; data kept", new Uint8Array(mem.buffer)[5]);
old = mem.buffer;
const view = new Uint8Array(old);
print("grow from Wasm returns", exports.grow(2), "; old", old.byteLength, view.length, "; new", mem.buffer.byteLength, "; size", exports.size());
old = mem.buffer;
print("grow(0) returns", mem.grow(0), "; old detached:", old.byteLength === 0, "; new", mem.buffer.byteLength);
old = mem.buffer;
print("failed grow from Wasm:", exports.grow(100), "; buffer kept:", old === mem.buffer);
try { mem.grow(10); } catch (e) { print(e.name, e.message); }
print(old === mem.buffer, exports.size());
