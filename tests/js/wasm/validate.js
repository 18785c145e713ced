// validate() accepts any BufferSource and answers true or false; other arguments are a TypeError.
const bytes = read("basic.wasm", "binary");
print(WebAssembly.validate(bytes), WebAssembly.validate(bytes.buffer), WebAssembly.validate(new DataView(bytes.buffer)));
print(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
print(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])));
print(WebAssembly.validate(new Uint8Array(0)));
const padded = new Uint8Array(bytes.length + 8);
padded.set(bytes, 4);
print(WebAssembly.validate(new Uint8Array(padded.buffer, 4, bytes.length)), WebAssembly.validate(padded));
for (const bad of [undefined, null, 42, "bytes", [0, 97, 115, 109], {}]) {
  try {
    WebAssembly.validate(bad);
  } catch (e) {
    print(e.name, e.message);
  }
}
