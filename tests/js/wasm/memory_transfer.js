// A Wasm memory's buffer cannot be detached or transferred from JS: the memory would lose its
// bytes. (The JS-API spec marks it non-detachable; transfer() throws a TypeError.)
const mem = new WebAssembly.Memory({ initial: 1 });
const buffer = mem.buffer;
new Uint8Array(buffer)[0] = 9;
for (const attempt of [() => buffer.transfer(), () => buffer.transferToFixedLength()]) {
  try {
    attempt();
    print("transferred?!");
  } catch (e) {
    print(e.name);
  }
}
print(buffer.byteLength, new Uint8Array(mem.buffer)[0]);
// Other buffers still transfer as usual.
const plain = new ArrayBuffer(8);
const moved = plain.transfer();
print(plain.byteLength, moved.byteLength, ArrayBuffer.prototype.transfer.name, ArrayBuffer.prototype.transfer.length);
