// A .wasm file is served as application/wasm; bytes() and arrayBuffer() give its bytes.
fetch("data/empty.wasm").then(async (response) => {
  print(response.headers.get("content-type"));
  const bytes = await response.bytes();
  print(Object.prototype.toString.call(bytes), bytes.length, Array.from(bytes.subarray(0, 4)).join());
  const again = await fetch("data/empty.wasm");
  const buffer = await again.arrayBuffer();
  print(Object.prototype.toString.call(buffer), buffer.byteLength);
});
