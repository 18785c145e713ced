// instantiateStreaming(fetch("x.wasm"), imports) resolves to {module, instance}, instantiated
// with the given imports.
const imports = { env: { scale: (x) => x * 10 } };
WebAssembly.instantiateStreaming(fetch("streaming_add.wasm"), imports).then((result) => {
  print(Object.keys(result).join());
  print(String(result.module), String(result.instance));
  print(result.instance.exports.addScaled(2, 3));
});
