// A .wasm response whose bytes are not a valid module rejects with WebAssembly.CompileError.
(async () => {
  for (const name of ["compileStreaming", "instantiateStreaming"]) {
    await WebAssembly[name](fetch("streaming_bad.wasm")).then(
      () => print("resolved?!"),
      (e) => print(name, e.name, e instanceof WebAssembly.CompileError),
    );
  }
})();
