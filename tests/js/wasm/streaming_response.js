// The streaming functions take a Response itself as well as a promise of one.
fetch("streaming_add.wasm").then(async (response) => {
  const module = await WebAssembly.compileStreaming(response);
  print(String(module), "bodyUsed", response.bodyUsed);
  const second = await fetch("streaming_add.wasm");
  const { instance } = await WebAssembly.instantiateStreaming(second, { env: { scale: (x) => -x } });
  print(instance.exports.addScaled(4, 5));
});
