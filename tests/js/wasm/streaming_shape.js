// compileStreaming and instantiateStreaming are WebIDL operations on the namespace (writable,
// configurable, not enumerable, length 1, their names), and they keep using the namespace's own
// compile and instantiate after a script replaces those.
for (const name of ["compileStreaming", "instantiateStreaming"]) {
  const d = Object.getOwnPropertyDescriptor(WebAssembly, name);
  print(name, typeof d.value, d.writable, d.enumerable, d.configurable, d.value.length, d.value.name);
}
WebAssembly.compile = () => Promise.reject(new Error("replaced compile"));
WebAssembly.instantiate = () => Promise.reject(new Error("replaced instantiate"));
WebAssembly.compileStreaming(fetch("streaming_add.wasm"))
  .then((module) => print("compileStreaming:", String(module)))
  .then(() => WebAssembly.instantiateStreaming(fetch("streaming_add.wasm"), { env: { scale: (x) => x } }))
  .then(({ instance }) => print("instantiateStreaming:", instance.exports.addScaled(1, 1)));
