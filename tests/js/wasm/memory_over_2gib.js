// QuickJS ArrayBuffers hold at most 2 GiB - 1 bytes: `buffer` of a larger memory throws a
// RangeError that says so, while Wasm code can still use the whole memory.
const mem = new WebAssembly.Memory({ initial: 32768 }); // exactly 2 GiB
try {
  mem.buffer;
  print("buffer?!");
} catch (e) {
  print(e.name, e.message);
}
const small = new WebAssembly.Memory({ initial: 32767 });
print("2 GiB - 64 KiB is fine:", small.buffer.byteLength);
