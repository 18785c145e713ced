// Malformed, truncated or invalid bytes are a CompileError that says what and where; arguments
// that are not buffers are a TypeError.
const cases = {
  "empty": [],
  "bad magic": [1, 2, 3, 4, 1, 0, 0, 0],
  "bad version": [0, 97, 115, 109, 9, 0, 0, 0],
  "truncated section": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1],
  "invalid body": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 4, 1, 2, 0, 11],
};
for (const [name, bytes] of Object.entries(cases)) {
  try {
    new WebAssembly.Module(new Uint8Array(bytes));
    print(name, "compiled?!");
  } catch (e) {
    print(name, "->", e.name, e instanceof WebAssembly.CompileError, e.message);
  }
}
for (const bad of [undefined, "wasm", 7, { byteLength: 8 }]) {
  try { new WebAssembly.Module(bad); } catch (e) { print(e.name, e.message); }
}
