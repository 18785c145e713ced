// memory.buffer aliases the live linear memory with no copy: writes from Wasm are seen through a
// Uint8Array and the reverse. The buffer object stays the same while the size does not change.
const mem = new WebAssembly.Memory({ initial: 1, maximum: 8 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("memory.wasm", "binary")), { js: { mem } });
const bytes = new Uint8Array(mem.buffer);
exports.store8(10, 0xab);
print("Wasm write seen from JS:", bytes[10].toString(16));
bytes[20] = 77;
print("JS write seen from Wasm:", exports.load8(20));
print(mem.buffer === mem.buffer, mem.buffer.byteLength, Object.prototype.toString.call(mem.buffer));
const d = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "buffer");
print(typeof d.get, d.set, d.enumerable, d.configurable);
