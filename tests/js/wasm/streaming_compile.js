// compileStreaming(fetch("x.wasm")) resolves to a WebAssembly.Module.
WebAssembly.compileStreaming(fetch("streaming_add.wasm")).then((module) => {
  print(Object.prototype.toString.call(module), module instanceof WebAssembly.Module);
  print(JSON.stringify(WebAssembly.Module.exports(module)));
});
